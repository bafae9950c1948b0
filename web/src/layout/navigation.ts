import type { TMe } from "../contracts";
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
  label: "nav.verificationQueue";
}

/** The task links for the signed-in user: the verification queue for customs officers. */
export function taskLinks(me: TMe | null | undefined): TaskLink[] {
  const links: TaskLink[] = [];
  if (officerSides(me).length > 0) links.push({ to: QUEUE_PATH, label: "nav.verificationQueue" });
  return links;
}
