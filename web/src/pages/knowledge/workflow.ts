import type { WorkflowAction } from "./api";
import type { TDocStatus } from "./contracts";

// The editorial workflow as the server enforces it (knowledge.service.ts TRANSITIONS):
// draft → review → published → repealed, back from review to draft, and publishing straight from draft.

const ACTIONS: Record<TDocStatus, readonly WorkflowAction[]> = {
  draft: ["submit", "publish"],
  review: ["publish", "return"],
  published: ["repeal"],
  repealed: [],
};

export function workflowActions(status: TDocStatus): readonly WorkflowAction[] {
  return ACTIONS[status];
}
