/**
 * Canonical JSON for hashing: object keys sorted, no whitespace, undefined dropped. Two values that
 * are equal as data always give the same string, whichever database returned them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("non-finite number");
    if (typeof value === "bigint") return JSON.stringify(value.toString());
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      out += canonicalJson(value[i] ?? null);
    }
    return `${out}]`;
  }
  // Keys in UTF-16 code-unit order (the default sort), built in one pass: this runs on every audited
  // change, so it avoids the intermediate arrays of entries().filter().sort().map().
  const record = value as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue;
    if (!first) out += ",";
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}
