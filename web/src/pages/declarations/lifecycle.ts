import type { BadgeTone } from "../../components";
import { LANES, type TLane, type TStatus } from "./contracts";

// The declaration lifecycle as the pages present it: draft → submitted → lane assigned → documentary
// check (yellow) | inspection (red) | assessed (green, blue) → released | rejected | held; cancelled for
// drafts. Pure, so the choice of actions can be unit-tested.

export const STATUS_TONE = {
  draft: "neutral",
  submitted: "info",
  lane_assigned: "info",
  document_check: "warning",
  inspection: "warning",
  assessed: "info",
  held: "danger",
  released: "success",
  rejected: "danger",
  cancelled: "neutral",
} as const satisfies Record<TStatus, BadgeTone>;

export const LANE_TONE = {
  green: "success",
  blue: "info",
  yellow: "warning",
  red: "danger",
} as const satisfies Record<TLane, BadgeTone>;

/** Lanes from the strictest, the order the queue's tabs and the dashboard's legends use. */
export const LANES_BY_SEVERITY: readonly TLane[] = [...LANES].reverse();

const FINAL: ReadonlySet<TStatus> = new Set(["released", "rejected", "cancelled"]);

export function isFinal(status: TStatus): boolean {
  return FINAL.has(status);
}

/** Statuses in which customs still has something to do. */
export const OPEN_STATUSES: readonly TStatus[] = [
  "submitted",
  "lane_assigned",
  "document_check",
  "inspection",
  "assessed",
  "held",
];

export type OfficerActionKind = "document-check" | "inspection" | "release" | "hold" | "reject";

/**
 * The actions an officer is offered on a declaration, the expected next step first. They follow the
 * server's transitions (a documentary check may be escalated to an inspection; a held declaration may
 * be inspected, released or refused); the server checks every transition again.
 */
export function officerActions(status: TStatus): OfficerActionKind[] {
  switch (status) {
    case "document_check":
      return ["document-check", "inspection", "hold", "reject"];
    case "inspection":
      return ["inspection", "hold", "reject"];
    case "assessed":
      return ["release", "hold", "reject"];
    case "held":
      return ["release", "inspection", "reject"];
    // Submitted and lane-assigned are passing states of a submission; the others are final.
    case "draft":
    case "submitted":
    case "lane_assigned":
    case "released":
    case "rejected":
    case "cancelled":
      return [];
  }
}

export type DeclarantActionKind = "edit" | "submit" | "cancel" | "withdraw";

/** What the declarant may still do: finish a draft, or withdraw a declaration customs has not decided. */
export function declarantActions(status: TStatus): DeclarantActionKind[] {
  switch (status) {
    case "draft":
      return ["edit", "submit", "cancel"];
    case "document_check":
    case "inspection":
    case "assessed":
    case "held":
      return ["withdraw"];
    case "submitted":
    case "lane_assigned":
    case "released":
    case "rejected":
    case "cancelled":
      return [];
  }
}
