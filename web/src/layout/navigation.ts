import type { TMe } from "../contracts";
import { isDeclarant } from "../pages/declarations/access";
import { LANE_QUEUE_PATH, MY_DECLARATIONS_PATH } from "../pages/declarations/paths";
import { isEditor } from "../pages/knowledge/access";
import { EDITOR_DESK_PATH, NOTIFICATIONS_PATH } from "../pages/knowledge/paths";
import { isEnterpriseMember } from "../pages/quotas/access";
import { MY_LICENCES_PATH } from "../pages/quotas/paths";
import { officerSides } from "../pages/registry/access";
import { QUEUE_PATH } from "../pages/registry/paths";
import { isStatistician } from "../pages/statistics/access";
import { DATASETS_PATH } from "../pages/statistics/paths";

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
  label:
    | "nav.verificationQueue"
    | "nav.laneQueue"
    | "nav.myDeclarations"
    | "knowledge.nav.editorDesk"
    | "knowledge.nav.alerts"
    | "quotas.nav.myLicences"
    | "statistics.nav.datasets";
  /** Shows the number of unread knowledge-base alerts next to the label. */
  unreadAlerts?: boolean;
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
  // Quotas: an enterprise's licences; statistics: the statisticians' datasets.
  if (isEnterpriseMember(me)) links.push({ to: MY_LICENCES_PATH, label: "quotas.nav.myLicences" });
  if (isStatistician(me)) links.push({ to: DATASETS_PATH, label: "statistics.nav.datasets" });
  // The knowledge base: its editors' desk, and every signed-in user's alerts with the unread count.
  if (isEditor(me)) links.push({ to: EDITOR_DESK_PATH, label: "knowledge.nav.editorDesk" });
  if (me) links.push({ to: NOTIFICATIONS_PATH, label: "knowledge.nav.alerts", unreadAlerts: true });
  return links;
}
