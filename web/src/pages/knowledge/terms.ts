import type { TTerm } from "./contracts";

// The term bank's list as the page shows it. Pure, so it can be unit-tested.

/** Terms containing the typed text in any language or the note, case- and width-insensitively. */
export function filterTerms(terms: readonly TTerm[], typed: string): TTerm[] {
  const needle = fold(typed.trim());
  if (needle === "") return [...terms];
  return terms.filter((term) =>
    [term.zh, term.ru, term.en, term.note ?? ""].some((text) => fold(text).includes(needle)),
  );
}

function fold(text: string): string {
  return text.normalize("NFKC").toLocaleLowerCase().replace(/ё/g, "е");
}
