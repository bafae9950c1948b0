/**
 * Whether an error is a browser failing to load one of the app's own code files. Pages load their code
 * when first visited; a tab opened before the server got a new version asks for files that version no
 * longer has. Reloading fetches the new version. The messages are those of Chromium, Firefox and Safari.
 */
export function isStaleBuildError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /dynamically imported module|Importing a module script failed|Failed to load module script|Unable to preload CSS/i.test(
    error.message,
  );
}
