// Exact arithmetic on the decimal strings the API sends ("228105000000.00", "1500.5"): sums, differences,
// comparisons and percentages in BigInt, so a total shown as text is never a floating-point result.
// Charts may draw with `chartNumber` (tariffs/money.ts); the figures people read come from here.

export interface ScaledDecimal {
  /** The digits as an integer: "12.50" → 1250n. */
  units: bigint;
  /** How many of the digits are after the point: "12.50" → 2. */
  scale: number;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export function parseDecimal(value: string | null | undefined): ScaledDecimal | null {
  if (value === null || value === undefined) return null;
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const fraction = match[3] ?? "";
  const units = BigInt(`${match[2] ?? "0"}${fraction}`);
  return { units: match[1] ? -units : units, scale: fraction.length };
}

function rescale(value: ScaledDecimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** 1250n at scale 2 → "12.50"; -5n at scale 3 → "-0.005". */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const sign = negative ? "-" : "";
  if (scale <= 0) return `${sign}${abs}`;
  const base = 10n ** BigInt(scale);
  return `${sign}${abs / base}.${(abs % base).toString().padStart(scale, "0")}`;
}

/** The exact sum, with as many decimals as the most precise value; missing or unreadable values are skipped. */
export function sumDecimals(values: readonly (string | null | undefined)[]): string {
  const parsed = values.map(parseDecimal).filter((value) => value !== null);
  const scale = Math.max(0, ...parsed.map((value) => value.scale));
  return formatScaled(
    parsed.reduce((sum, value) => sum + rescale(value, scale), 0n),
    scale,
  );
}

/** a − b exactly; null when either is not a decimal. */
export function subtractDecimals(a: string, b: string): string | null {
  const left = parseDecimal(a);
  const right = parseDecimal(b);
  if (!left || !right) return null;
  const scale = Math.max(left.scale, right.scale);
  return formatScaled(rescale(left, scale) - rescale(right, scale), scale);
}

/** −1, 0 or 1 as a is below, equal to or above b; unreadable values count as zero. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const left = parseDecimal(a) ?? { units: 0n, scale: 0 };
  const right = parseDecimal(b) ?? { units: 0n, scale: 0 };
  const scale = Math.max(left.scale, right.scale);
  const difference = rescale(left, scale) - rescale(right, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export function isZeroDecimal(value: string): boolean {
  return compareDecimals(value, "0") === 0;
}

/**
 * part / whole × 100, rounded half away from zero to `places` decimals ("12.5"); null when the whole is
 * zero or either is not a decimal.
 */
export function percentOf(part: string, whole: string, places = 1): string | null {
  const p = parseDecimal(part);
  const w = parseDecimal(whole);
  if (!p || !w || w.units === 0n) return null;
  const scale = Math.max(p.scale, w.scale);
  const numerator = rescale(p, scale) * 100n * 10n ** BigInt(places);
  const denominator = rescale(w, scale);
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return formatScaled(negative && rounded !== 0n ? -rounded : rounded, places);
}

/** The smaller of two decimals, as given. */
export function minDecimal(a: string, b: string): string {
  return compareDecimals(a, b) <= 0 ? a : b;
}

/** The larger of two decimals, as given. */
export function maxDecimal(a: string, b: string): string {
  return compareDecimals(a, b) >= 0 ? a : b;
}

/** "8000.0" → "8000", "46796.810" → "46796.81": as the quotas API writes amounts. */
export function trimZeros(value: string): string {
  return /^-?\d+\.\d+$/.test(value) ? value.replace(/\.?0+$/, "") : value;
}
