/**
 * The in-app path to return to after signing in, from `?next=`. Only same-site paths are accepted, so
 * a crafted link cannot send a freshly signed-in user to another site.
 */
export function safeNext(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next === "/login" || next.startsWith("/login?")) return "/";
  return next;
}
