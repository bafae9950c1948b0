/**
 * Navigation state for an address change that is a selection within the page (a code in the HS tree),
 * not a new page: the layout then leaves focus where the reader is instead of moving it to <main>.
 */
export const KEEP_FOCUS = { keepFocus: true } as const;

export function keepsFocus(state: unknown): boolean {
  return typeof state === "object" && state !== null && "keepFocus" in state && state.keepFocus === true;
}
