import type { TSnippetPart } from "./contracts";
import { mergeSnippet } from "./search";

/** The passage that matched, its hits in <mark>. Always text: what the server cut is never read as HTML. */
export function Snippet({ parts, lang }: { parts: readonly TSnippetPart[]; lang?: string }) {
  return (
    <p className="kb-snippet" lang={lang}>
      {mergeSnippet(parts).map((part, index) =>
        // The parts never change order for one answer: their position is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        part.hit ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </p>
  );
}
