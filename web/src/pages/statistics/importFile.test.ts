import { describe, expect, it } from "vitest";
import { decodeImportBytes, readImportText } from "./importFile";

const csv = "typeCode,reporterCode,cmdDesc\nC,643,Côte d'Ivoire — 木材\n";

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 + i * 2] = unit & 0xff;
    out[3 + i * 2] = unit >> 8;
  }
  return out;
}

async function gzip(text: string): Promise<Uint8Array> {
  const packed = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(packed).arrayBuffer());
}

describe("reading an import file in the browser", () => {
  it("reads UTF-8, and UTF-16 by its byte order mark", async () => {
    expect(await readImportText(new Blob([csv]))).toBe(csv);
    expect(decodeImportBytes(utf16le(csv))).toBe(csv);
  });

  it("unpacks a gzipped file first (Comtrade's bulk downloads)", async () => {
    const packed = await gzip(csv);
    expect(packed[0]).toBe(0x1f);
    expect(await readImportText(new Blob([packed as BlobPart]))).toBe(csv);
  });

  it("refuses a file that is not UTF-8 instead of replacing what it cannot read, or reads it in the encoding chosen", () => {
    const cp1251 = new Uint8Array([0x43, 0x2c, 0xcf, 0xf0]); // «C,Пр» in windows-1251
    expect(decodeImportBytes(cp1251)).toBeNull();
    expect(decodeImportBytes(cp1251, "windows-1251")).toBe("C,Пр");
  });
});
