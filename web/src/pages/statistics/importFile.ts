/**
 * Reads an import file chosen in the browser as text, the way the server's command line reads it: a
 * gzipped file (Comtrade's bulk downloads, …txt.gz) is unpacked first; a UTF-16 file (a spreadsheet's
 * "Unicode text") is read by its byte order mark; anything else must be UTF-8, and a file that is not
 * is refused (null) rather than sent with replacement characters.
 */
export async function readImportText(file: Blob): Promise<string | null> {
  let bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(unpacked).arrayBuffer());
  }
  return decodeImportBytes(bytes);
}

/** UTF-16 by its byte order mark, else strict UTF-8; null when the bytes are not UTF-8. */
export function decodeImportBytes(bytes: Uint8Array): string | null {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : "utf-8";
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
