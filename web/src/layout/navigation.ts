import type { TMe } from "../contracts";
import { isDeclarant } from "../pages/declarations/access";
import { LANE_QUEUE_PATH, MY_DECLARATIONS_PATH } from "../pages/declarations/paths";
import { officerSides } from "../pages/registry/access";
import { QUEUE_PATH } from "../pages/registry/paths";

/**
 * Navigation state for an address change that is a selection within the page (a code in the HS tree),
 * not a new page: the layout then leaves focus where the reader is instead of moving it to <main>.
 */
export const KEEP_FOCUS = { keepFocus: true } as const;

export function keepsFocus(state: unknown): boolean {
  return typeof state === "object" && state !== null && "keepFocus" in state && state.keepFocus === true;
}

/** Work lists that only some roles have, shown in the main navigation after the modules. */
export interface TaskLink {
  to: string;
  label: "nav.verificationQueue" | "nav.laneQueue" | "nav.myDeclarations";
}

/**
 * The task links for the signed-in user: the verification and lane queues for customs officers, their
 * own declarations for enterprise members.
 */
export function taskLinks(me: TMe | null | undefined): TaskLink[] {
  const links: TaskLink[] = [];
  if (isDeclarant(me)) links.push({ to: MY_DECLARATIONS_PATH, label: "nav.myDeclarations" });
  if (officerSides(me).length > 0) {
    links.push({ to: QUEUE_PATH, label: "nav.verificationQueue" });
    links.push({ to: LANE_QUEUE_PATH, label: "nav.laneQueue" });
  }
  return links;
}
