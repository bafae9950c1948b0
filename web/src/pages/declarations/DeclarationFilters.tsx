import { useEffect, useEffectEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TSide } from "../../contracts";
import { useNameLanguage } from "../reference/LocalName";
import { useBorderPorts } from "../reference/queries";
import { portLabel } from "./badges";
import { FLOWS, LANES, STATUSES } from "./contracts";
import type { DeclarationFilter } from "./filters";
import { useDebouncedValue } from "./hooks";

const SEARCH_DELAY_MS = 300;

/** Search by number or shipment reference, and filters by status, lane, direction and port. */
export function DeclarationFilters({
  filter,
  sides,
  onChange,
  hide = [],
  anyStatusLabel,
}: {
  filter: DeclarationFilter;
  sides: readonly TSide[];
  onChange: (patch: Partial<DeclarationFilter>) => void;
  hide?: readonly ("lane" | "flow")[];
  /** What "no status chosen" means here; "any" unless the list leaves some statuses out by default. */
  anyStatusLabel?: string;
}) {
  const { t } = useTranslation();
  const ids = useId().replace(/:/g, "");
  const reader = useNameLanguage();
  const ports = useBorderPorts();
  const query = filter.q ?? "";
  const [input, setInput] = useState(query);
  const debounced = useDebouncedValue(input.trim(), SEARCH_DELAY_MS);
  useEffect(() => setInput((current) => (current.trim() === query ? current : query)), [query]);
  const commit = useEffectEvent((value: string) => {
    if (value !== query) onChange({ q: value });
  });
  useEffect(() => commit(debounced), [debounced]);
  const side = sides.length === 1 ? sides[0] : undefined;
  const portOptions = (ports.data ?? [])
    .filter((port) => side !== "RU" || port.ru !== null)
    .map((port) => ({ value: port.id, label: portLabel(port, side ?? "CN", reader) }))
    .sort((a, b) => a.label.localeCompare(b.label));

  return (
    <search className="panel decl-filters">
      <form
        className="decl-filters__form"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ q: input.trim() });
        }}
      >
        <div className="field decl-filters__q">
          <label className="field__label" htmlFor={`${ids}-q`}>
            {t("declarations.filters.search")}
          </label>
          <input
            id={`${ids}-q`}
            type="search"
            className="input"
            value={input}
            onChange={(event) => setInput(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
          />
        </div>
        <FilterSelect
          id={`${ids}-status`}
          label={t("declarations.filters.status")}
          anyLabel={anyStatusLabel}
          value={filter.status ?? ""}
          options={STATUSES.map((status) => ({ value: status, label: t(`declarations.status.${status}`) }))}
          onChange={(value) => onChange({ status: STATUSES.find((status) => status === value) })}
        />
        {hide.includes("lane") ? null : (
          <FilterSelect
            id={`${ids}-lane`}
            label={t("declarations.filters.lane")}
            value={filter.lane ?? ""}
            options={LANES.map((lane) => ({ value: lane, label: t(`declarations.lane.${lane}`) }))}
            onChange={(value) => onChange({ lane: LANES.find((lane) => lane === value) })}
          />
        )}
        {hide.includes("flow") ? null : (
          <FilterSelect
            id={`${ids}-flow`}
            label={t("declarations.filters.flow")}
            value={filter.flow ?? ""}
            options={FLOWS.map((flow) => ({ value: flow, label: t(`declarations.flow.${flow}`) }))}
            onChange={(value) => onChange({ flow: FLOWS.find((flow) => flow === value) })}
          />
        )}
        <FilterSelect
          id={`${ids}-port`}
          label={t("declarations.filters.port")}
          value={filter.port ?? ""}
          options={portOptions}
          onChange={(value) => onChange({ port: value || undefined })}
        />
      </form>
    </search>
  );
}

function FilterSelect({
  id,
  label,
  anyLabel,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  anyLabel?: string | undefined;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="input select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{anyLabel ?? t("declarations.filters.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
