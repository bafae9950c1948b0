/**
 * The trust profile formula (version 1), documented in docs/TRUST.md. A pure function of facts the
 * platform records; the projection in trust.projection.ts recomputes it when those facts change.
 * Points are kept to one decimal per component; the score is the rounded sum, 0–100.
 */
export const TRUST_FORMULA_VERSION = 1;

export interface TrustFacts {
  status: "pending" | "verified" | "rejected";
  verifiedAt: string | null;
  aeoLevel: "general" | "advanced" | null;
  released: number;
  rejected: number;
  inspections: number;
  inspectionsWithFindings: number;
  /** When the profile is computed (the tenure component depends on it). */
  at: string;
}

export type TrustComponentKey = "verification" | "aeo" | "tenure" | "clearance" | "inspections" | "disputes";

export interface TrustComponent {
  key: TrustComponentKey;
  points: number;
  max: number;
  /** Which explanation applies; the text is localized from `trust.<key>.<state>` with these params. */
  state: string;
  params: Record<string, number | string>;
}

export interface TrustResult {
  score: number;
  components: TrustComponent[];
}

/** Declarations decided before the clearance record counts in full. */
export const FULL_CONFIDENCE_DECISIONS = 20;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

const round1 = (x: number) => Math.round(x * 10) / 10;

export function computeTrust(f: TrustFacts): TrustResult {
  const components: TrustComponent[] = [];

  components.push(
    f.status === "verified"
      ? { key: "verification", points: 30, max: 30, state: "verified", params: {} }
      : { key: "verification", points: 0, max: 30, state: f.status, params: {} },
  );

  const aeoPoints = f.aeoLevel === "advanced" ? 20 : f.aeoLevel === "general" ? 12 : 0;
  components.push({ key: "aeo", points: aeoPoints, max: 20, state: f.aeoLevel ?? "none", params: {} });

  if (f.status === "verified" && f.verifiedAt) {
    const years = Math.max(0, (Date.parse(f.at) - Date.parse(f.verifiedAt)) / YEAR_MS);
    components.push({
      key: "tenure",
      points: round1(Math.min(5, years) * 3),
      max: 15,
      state: "years",
      params: { years: round1(years) },
    });
  } else {
    components.push({ key: "tenure", points: 0, max: 15, state: "not_verified", params: {} });
  }

  const decided = f.released + f.rejected;
  const confidence = Math.min(1, decided / FULL_CONFIDENCE_DECISIONS);
  if (decided === 0) {
    components.push({ key: "clearance", points: 0, max: 25, state: "none", params: {} });
  } else {
    const share = f.released / decided;
    components.push({
      key: "clearance",
      points: round1(25 * share * confidence),
      max: 25,
      state: "history",
      params: {
        released: f.released,
        decided,
        percent: Math.round(share * 100),
        needed: FULL_CONFIDENCE_DECISIONS,
      },
    });
  }

  if (f.inspections === 0) {
    components.push({
      key: "inspections",
      points: decided === 0 ? 0 : round1(10 * confidence),
      max: 10,
      state: decided === 0 ? "none" : "no_inspections",
      params: {},
    });
  } else {
    const clean = 1 - f.inspectionsWithFindings / f.inspections;
    components.push({
      key: "inspections",
      points: round1(10 * clean * confidence),
      max: 10,
      state: "record",
      params: { inspections: f.inspections, findings: f.inspectionsWithFindings },
    });
  }

  // Disputes are not recorded on the platform yet; the component is shown, and counts nothing.
  components.push({ key: "disputes", points: 0, max: 0, state: "not_tracked", params: {} });

  const score = Math.max(0, Math.min(100, Math.round(components.reduce((s, c) => s + c.points, 0))));
  return { score, components };
}
