import { useTranslation } from "react-i18next";
import { isApiError } from "../../api";
import { Button, Select, TextField } from "../../components";
import type { TSide } from "../../contracts";
import { LocalName, useNameLanguage } from "../reference/LocalName";
import { pickName } from "../reference/names";
import { useHsNode, useHsSearch } from "../reference/queries";
import { normalizeHsCode } from "../tariffs/calculatorInput";
import { useFormatters } from "../tariffs/labels";
import { Combobox, type ComboboxOption } from "./Combobox";
import { QUANTITY_UNITS, type TUnit } from "./contracts";
import { emptyLine, type LineDraft } from "./draft";
import { useDebouncedValue } from "./hooks";

/** Countries offered as the origin of goods: the two sides and their usual third-country suppliers. */
export const ORIGINS = ["CN", "RU", "KZ", "MN", "BY", "KR", "JP", "DE", "US", "TR", "VN", "UZ"] as const;

const HS_SEARCH_DELAY_MS = 300;

export function LinesEditor({
  side,
  lines,
  onChange,
  listError,
}: {
  side: TSide;
  lines: readonly LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  /** The server's message about the lines as a whole ("at least one line"). */
  listError: string | undefined;
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<LineDraft>) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  return (
    <div className="decl-lines">
      {listError ? <p className="field__error">{listError}</p> : null}
      <ol className="decl-lines__list">
        {lines.map((line, index) => (
          <li key={line.key}>
            <LineFields
              index={index}
              side={side}
              line={line}
              onChange={(patch) => update(index, patch)}
              onRemove={lines.length > 1 ? () => onChange(lines.filter((_, i) => i !== index)) : null}
            />
          </li>
        ))}
      </ol>
      <Button
        variant="secondary"
        onClick={() => onChange([...lines, emptyLine(lines.at(-1)?.origin ?? side)])}
      >
        {t("declarations.form.addLine")}
      </Button>
    </div>
  );
}

function LineFields({
  index,
  side,
  line,
  onChange,
  onRemove,
}: {
  index: number;
  side: TSide;
  line: LineDraft;
  onChange: (patch: Partial<LineDraft>) => void;
  onRemove: (() => void) | null;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const path = (field: string) => `lines.${index}.${field}`;
  const title = t("declarations.form.lineTitle", { n: index + 1 });
  const origins =
    ORIGINS.some((code) => code === line.origin) || line.origin === "" ? ORIGINS : [...ORIGINS, line.origin];
  return (
    <fieldset className="decl-line" aria-label={title}>
      <legend className="decl-line__legend">{title}</legend>
      <div className="decl-line__rows">
        <HsCodeField
          name={path("code")}
          side={side}
          value={line.code}
          onChange={(code) => onChange({ code })}
          // One change for both: two in a row would each start from the same line, and the second
          // would undo the first.
          onPick={(code, name) =>
            onChange({ code, ...(name && line.description.trim() === "" ? { description: name } : {}) })
          }
        />
        <TextField
          name={path("description")}
          label={t("declarations.form.description")}
          hint={t("declarations.form.descriptionHint")}
          value={line.description}
          maxLength={500}
          onChange={(event) => onChange({ description: event.target.value })}
        />
        <div className="decl-triple">
          <Select
            name={path("origin")}
            label={t("declarations.form.origin")}
            options={origins.map((code) => ({ value: code, label: `${format.countryName(code)} (${code})` }))}
            value={line.origin}
            onChange={(event) => onChange({ origin: event.target.value })}
          />
          <TextField
            name={path("quantity.value")}
            label={t("declarations.form.quantity")}
            inputMode="decimal"
            autoComplete="off"
            className="input--number"
            value={line.quantity}
            onChange={(event) => onChange({ quantity: event.target.value })}
          />
          <Select
            name={path("quantity.unit")}
            label={t("declarations.form.unit")}
            options={QUANTITY_UNITS.map((unit) => ({
              value: unit,
              label: t(`tariffs.calculator.units.${unit}`),
            }))}
            value={line.unit}
            onChange={(event) =>
              onChange({
                unit: QUANTITY_UNITS.find((unit) => unit === event.target.value) ?? ("kg" satisfies TUnit),
              })
            }
          />
        </div>
        <div className="decl-triple">
          <TextField
            name={path("netKg")}
            label={t("declarations.form.netKg")}
            inputMode="decimal"
            autoComplete="off"
            className="input--number"
            value={line.netKg}
            onChange={(event) => onChange({ netKg: event.target.value })}
          />
          <TextField
            name={path("grossKg")}
            label={t("declarations.form.grossKg")}
            inputMode="decimal"
            autoComplete="off"
            className="input--number"
            value={line.grossKg}
            onChange={(event) => onChange({ grossKg: event.target.value })}
          />
          <TextField
            name={path("value")}
            label={t("declarations.form.lineValue")}
            hint={t("declarations.form.lineValueHint")}
            inputMode="decimal"
            autoComplete="off"
            className="input--number"
            value={line.value}
            onChange={(event) => onChange({ value: event.target.value })}
          />
        </div>
        <TextField
          name={path("licenceNumber")}
          label={t("declarations.form.licence")}
          optional
          value={line.licenceNumber}
          maxLength={50}
          onChange={(event) => onChange({ licenceNumber: event.target.value })}
        />
      </div>
      {onRemove ? (
        <div className="decl-line__actions">
          <Button variant="ghost" size="sm" onClick={onRemove}>
            {t("declarations.form.removeLine", { n: index + 1 })}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}

/**
 * The commodity code with suggestions from the nomenclature as it is typed (codes and words in three
 * languages), and the name of the code typed. National codes of China cannot be listed by a search;
 * they are typed in full and named by their subheading.
 */
function HsCodeField({
  name,
  side,
  value,
  onChange,
  onPick,
}: {
  name: string;
  side: TSide;
  value: string;
  onChange: (value: string) => void;
  /** A suggestion was chosen: its code, and its name in the reader's language if it has one. */
  onPick: (code: string, name: string | null) => void;
}) {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const typed = useDebouncedValue(value.trim(), HS_SEARCH_DELAY_MS);
  const search = useHsSearch(typed.length >= 2 ? typed : "");
  const code = normalizeHsCode(typed);
  const node = useHsNode(/^\d{6}(\d{2})?(\d{2})?$/.test(code) ? code : null);
  // The TN VED lines the search lists are Russia's; a Chinese declaration uses China's own 10 digits.
  const hits = (search.data ?? []).filter(
    (hit) => hit.level !== "section" && (side === "RU" || hit.level !== "national"),
  );
  const options: ComboboxOption[] = hits.slice(0, 8).map((hit) => {
    const picked = pickName(hit.names, reader);
    return {
      value: hit.code,
      text: hit.code,
      label: <span className="hs-code">{hit.code}</span>,
      detail: picked?.text ?? t("reference.names.none"),
    };
  });
  const status =
    typed.length < 2
      ? ""
      : search.isFetching
        ? t("declarations.form.hsSearching")
        : options.length === 0
          ? t("declarations.form.hsNoSuggestions")
          : t("declarations.form.hsSuggestions", { n: options.length });
  // A national code of China has no name of its own in the data: its nearest named parent stands in.
  const named = node.data
    ? [node.data, ...[...node.data.path].reverse()].find((entry) => pickName(entry.names, reader) !== null)
    : undefined;
  const unknown = isApiError(node.error) && node.error.status === 404;
  return (
    <Combobox
      name={name}
      label={t("declarations.form.code")}
      hint={t(side === "CN" ? "declarations.form.codeHintCN" : "declarations.form.codeHintRU")}
      value={value}
      inputMode="numeric"
      onInputChange={onChange}
      onPick={(option) => {
        const hit = hits.find((candidate) => candidate.code === option.value);
        onPick(option.value, hit ? (pickName(hit.names, reader)?.text ?? null) : null);
      }}
      options={options}
      status={status}
      below={
        <div className="hs-field__name" aria-live="polite">
          {node.data && named && node.data.code === code ? (
            <p className="decl-code-name">
              {named.code !== node.data.code ? <span className="hs-code">{named.code}</span> : null}{" "}
              <LocalName names={named.names} />
            </p>
          ) : unknown && code.length >= 6 ? (
            <p className="decl-muted">{t("tariffs.calculator.hsUnknown")}</p>
          ) : null}
        </div>
      }
    />
  );
}
