import zlib from "node:zlib";

/**
 * The entries of a ZIP archive (an XLSX workbook), read through its central directory and checked
 * against their CRC-32: a reader independent of the writer in src/platform/xlsx.ts, for the tests.
 */
export function zipEntries(buf: Buffer): Map<string, string> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a ZIP archive: no end of central directory");
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`no central directory entry at ${p}`);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    const localNameLen = buf.readUInt16LE(local + 26);
    const start = local + 30 + localNameLen + buf.readUInt16LE(local + 28);
    const data = zlib.inflateRawSync(buf.subarray(start, start + size));
    if (zlib.crc32(data) !== crc) throw new Error(`${name}: CRC-32 does not match`);
    out.set(name, data.toString("utf8"));
    p += 46 + nameLen;
  }
  return out;
}
