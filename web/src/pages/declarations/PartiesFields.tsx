import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { searchEnterprises } from "../../api";
import { Button, RadioGroup, Select, TextField } from "../../components";
import type { TSide } from "../../contracts";
import { currentLanguage } from "../../i18n";
import { useFormatters } from "../tariffs/labels";
import { Combobox } from "./Combobox";
import { DOCUMENT_KINDS, TRANSPORT_DOCUMENT, type TTransportMode } from "./contracts";
import { type CounterpartyKind, type DocumentDraft, emptyDocument } from "./draft";
import { useDebouncedValue } from "./hooks";
import { ORIGINS } from "./LinesEditor";

const DIRECTORY_DELAY_MS = 300;

export interface CounterpartyValue {
  kind: CounterpartyKind;
  id: string;
  label: string;
  name: string;
  country: string;
}

/**
 * The other party of the trade: an enterprise of the other side registered on Amur (found in the
 * directory by a name in any language or an identifier), or any other by its name and country.
 */
export function CounterpartyFields({
  otherSide,
  value,
  onChange,
}: {
  otherSide: TSide;
  value: CounterpartyValue;
  onChange: (patch: Partial<CounterpartyValue>) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const typed = useDebouncedValue(value.label.trim(), DIRECTORY_DELAY_MS);
  const searching = value.kind === "registered" && value.id === "";
  const directory = useQuery({
    queryKey: ["registry", "directory", "counterparty", otherSide, typed, currentLanguage()],
    queryFn: ({ signal }) => searchEnterprises({ q: typed, side: otherSide }, null, signal, 8),
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const options = (directory.data?.items ?? []).map((enterprise) => ({
    value: enterprise.id,
    text: enterprise.name,
    label: enterprise.name,
    detail: [
      enterprise.region.name,
      enterprise.status === "verified"
        ? t("registry.status.verified")
        : t(`registry.status.${enterprise.status}`),
    ].join(" · "),
  }));
  const countries =
    ORIGINS.some((code) => code === value.country) || value.country === ""
      ? ORIGINS
      : [...ORIGINS, value.country];
  return (
    <>
      <RadioGroup<CounterpartyKind>
        legend={t("declarations.form.counterpartyKind")}
        name="counterpartyKind"
        inline
        options={[
          {
            value: "registered",
            label: t("declarations.form.counterpartyRegistered", { side: t(`side.${otherSide}`) }),
          },
          { value: "other", label: t("declarations.form.counterpartyOther") },
        ]}
        value={value.kind}
        onChange={(kind) => onChange({ kind })}
      />
      {value.kind === "registered" ? (
        <Combobox
          name="counterparty.enterpriseId"
          label={t("declarations.form.counterpartySearch")}
          hint={t("declarations.form.counterpartySearchHint")}
          value={value.label}
          onInputChange={(label) => onChange({ label, id: "" })}
          onPick={(option) => onChange({ id: option.value, label: option.text })}
          options={searching ? options : []}
          status={
            value.id
              ? t("declarations.form.counterpartyPicked")
              : directory.isFetching
                ? t("declarations.form.counterpartySearching")
                : directory.isSuccess && options.length === 0
                  ? t("declarations.form.counterpartyNone")
                  : ""
          }
        />
      ) : (
        <div className="decl-pair decl-pair--wide">
          <TextField
            name="counterparty.name"
            label={t("declarations.form.counterpartyName")}
            value={value.name}
            maxLength={300}
            autoComplete="organization"
            onChange={(event) => onChange({ name: event.target.value })}
          />
          <Select
            name="counterparty.country"
            label={t("declarations.form.counterpartyCountry")}
            options={countries.map((code) => ({
              value: code,
              label: `${format.countryName(code)} (${code})`,
            }))}
            value={value.country}
            onChange={(event) => onChange({ country: event.target.value })}
          />
        </div>
      )}
    </>
  );
}

/** The documents the declaration relies on: kind, number and date of each, rows added and removed freely. */
export function DocumentsEditor({
  transportMode,
  documents,
  onChange,
  listError,
}: {
  transportMode: TTransportMode;
  documents: readonly DocumentDraft[];
  onChange: (documents: DocumentDraft[]) => void;
  listError: string | undefined;
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<DocumentDraft>) =>
    onChange(documents.map((document, i) => (i === index ? { ...document, ...patch } : document)));
  const required = TRANSPORT_DOCUMENT[transportMode];
  return (
    <div className="decl-documents">
      <p className="field__hint">
        {required
          ? t("declarations.form.documentsHintTransport", {
              document: t(`declarations.documentKind.${required}`),
            })
          : t("declarations.form.documentsHint")}
      </p>
      {listError ? <p className="field__error">{listError}</p> : null}
      <ol className="decl-documents__list">
        {documents.map((document, index) => {
          const title = t("declarations.form.documentTitle", { n: index + 1 });
          return (
            <li key={document.key}>
              <fieldset className="decl-document" aria-label={title}>
                <legend className="visually-hidden">{title}</legend>
                <Select
                  name={`documents.${index}.kind`}
                  label={t("declarations.form.documentKind")}
                  options={DOCUMENT_KINDS.map((kind) => ({
                    value: kind,
                    label: t(`declarations.documentKind.${kind}`),
                  }))}
                  value={document.kind}
                  onChange={(event) =>
                    update(index, {
                      kind: DOCUMENT_KINDS.find((kind) => kind === event.target.value) ?? "other",
                    })
                  }
                />
                <TextField
                  name={`documents.${index}.number`}
                  label={t("declarations.form.documentNumber")}
                  value={document.number}
                  maxLength={100}
                  autoComplete="off"
                  onChange={(event) => update(index, { number: event.target.value })}
                />
                <TextField
                  name={`documents.${index}.date`}
                  type="date"
                  label={t("declarations.form.documentDate")}
                  optional
                  value={document.date}
                  onChange={(event) => update(index, { date: event.target.value })}
                  className="input--date"
                />
                <Button
                  variant="ghost"
                  size="sm"
                  className="decl-document__remove"
                  onClick={() => onChange(documents.filter((_, i) => i !== index))}
                >
                  {t("declarations.form.removeDocument", { n: index + 1 })}
                </Button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button variant="secondary" onClick={() => onChange([...documents, emptyDocument("other")])}>
        {t("declarations.form.addDocument")}
      </Button>
    </div>
  );
}
