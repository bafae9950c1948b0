/**
 * Reads an import file chosen in the browser as text, the way the server's command line reads it: a
 * gzipped file (Comtrade's bulk downloads, …txt.gz) is unpacked first; then it is read in the encoding
 * chosen (decodeImportBytes). Null when a file said to be UTF-8 is not: it is refused rather than sent
 * with replacement characters.
 */
export async function readImportText(file: Blob, encoding = "utf-8"): Promise<string | null> {
  let bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(unpacked).arrayBuffer());
  }
  return decodeImportBytes(bytes, encoding);
}

/**
 * The bytes in the encoding chosen. For UTF-8, the default, a UTF-16 byte order mark (a spreadsheet's
 * "Unicode text") is honoured and bytes that are not UTF-8 give null; a legacy encoding (GB18030,
 * Windows-1251) reads every byte.
 */
export function decodeImportBytes(bytes: Uint8Array, chosen = "utf-8"): string | null {
  let encoding = chosen;
  if (chosen === "utf-8" && bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (chosen === "utf-8" && bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
  try {
    return new TextDecoder(encoding, { fatal: encoding.startsWith("utf") }).decode(bytes);
  } catch {
    return null;
  }
}
