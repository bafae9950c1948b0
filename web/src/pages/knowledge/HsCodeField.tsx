import { useTranslation } from "react-i18next";
import { Combobox, type ComboboxOption } from "../declarations/Combobox";
import { useDebouncedValue } from "../declarations/hooks";
import { LocalName, useNameLanguage } from "../reference/LocalName";
import { pickName } from "../reference/names";
import { useHsNode, useHsSearch } from "../reference/queries";
import { normalizeHs } from "./search";

const HS_SEARCH_DELAY_MS = 300;

/**
 * The HS code with suggestions from the nomenclature as it is typed, by code or by words in any of the
 * three languages (лесоматериалы, 锯材, sawn), and the name of the code typed. What is typed is what is
 * asked: the suggestions only help.
 */
export function HsCodeField({
  value,
  onChange,
  label,
  hint,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  hint: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const typed = useDebouncedValue(value.trim(), HS_SEARCH_DELAY_MS);
  const search = useHsSearch(typed.length >= 2 ? typed : "");
  const code = normalizeHs(typed);
  const node = useHsNode(/^\d{4,10}$/.test(code) ? code : null);
  // Headings and subheadings: sections and chapters are too broad to ask about.
  const hits = (search.data ?? []).filter((hit) => /^\d{4,10}$/.test(hit.code));
  const options: ComboboxOption[] = hits.slice(0, 8).map((hit) => ({
    value: hit.code,
    text: hit.code,
    label: <span className="hs-code">{hit.code}</span>,
    detail: pickName(hit.names, reader)?.text ?? t("reference.names.none"),
  }));
  const status =
    typed.length < 2 || /^\d+$/.test(code)
      ? ""
      : search.isFetching
        ? t("knowledge.applies.hsSearching")
        : options.length === 0
          ? t("knowledge.applies.hsNoSuggestions")
          : t("knowledge.applies.hsSuggestions", { n: options.length });
  // A national code of China has no name of its own in the data: its nearest named parent stands in.
  const named = node.data
    ? [node.data, ...[...node.data.path].reverse()].find((entry) => pickName(entry.names, reader) !== null)
    : undefined;
  return (
    <div className={error ? "kb-hs-field field--invalid" : "kb-hs-field"}>
      <Combobox
        name="hs"
        label={label}
        hint={hint}
        value={value}
        onInputChange={onChange}
        onPick={(option) => onChange(option.value)}
        options={
          /^\d+$/.test(code) && code.length >= 4 ? options.filter((o) => o.value.startsWith(code)) : options
        }
        status={status}
        below={
          <div className="hs-field__name" aria-live="polite">
            {error ? <p className="field__error">{error}</p> : null}
            {node.data && node.data.code === code ? (
              <p className="kb-hs-name">
                {named && named.code !== node.data.code ? (
                  <>
                    <span className="hs-code">{named.code}</span>{" "}
                  </>
                ) : null}
                <LocalName names={(named ?? node.data).names} />
              </p>
            ) : null}
          </div>
        }
      />
    </div>
  );
}
