import { useTranslation } from "react-i18next";
import type { SelectOption } from "../../components";
import { useNameLanguage } from "../reference/LocalName";
import { pairName } from "../reference/ports";
import { useBorderPorts } from "../reference/queries";
import { useFormatters } from "../tariffs/labels";
import { FLOWS, type TCaliberField, TRADE_MODES } from "./contracts";

// Words and choices for the caliber pages: what each field is called and which unified codes a label
// may mean. Codes stay codes where this client does not know them, so a newer server breaks nothing.

/** The declarations' transport modes, which the platform's facts carry. */
export const TRANSPORT_MODES = ["road", "rail", "river", "pipeline", "air", "post"] as const;

/** The fields whose meaning is one of a fixed set of codes, chosen from a list rather than typed. */
export type ChoiceField = "flow" | "tradeMode" | "transportMode" | "port";

export function isChoiceField(field: TCaliberField): field is ChoiceField {
  return field === "flow" || field === "tradeMode" || field === "transportMode" || field === "port";
}

export function useCaliberWords() {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const ports = useBorderPorts();
  const format = useFormatters();
  const choices = (field: ChoiceField): string[] => {
    switch (field) {
      case "flow":
        return [...FLOWS];
      case "tradeMode":
        return [...TRADE_MODES];
      case "transportMode":
        return [...TRANSPORT_MODES];
      case "port":
        return (ports.data ?? []).map((port) => port.id);
    }
  };
  /** A unified code in words: "Export", "Tourism shopping", "黑河 — 布拉戈维申斯克", "China". */
  const meaning = (field: TCaliberField, code: string): string => {
    switch (field) {
      case "flow":
        return code === "export" || code === "import" ? t(`statistics.flow.${code}`) : code;
      case "tradeMode":
        return TRADE_MODES.some((mode) => mode === code)
          ? t(`statistics.tradeMode.${code as (typeof TRADE_MODES)[number]}`)
          : code;
      case "transportMode":
        return TRANSPORT_MODES.some((mode) => mode === code)
          ? t(`declarations.transport.${code as (typeof TRANSPORT_MODES)[number]}`)
          : code;
      case "port": {
        const port = ports.data?.find((candidate) => candidate.id === code);
        return port ? pairName(port, reader) : code;
      }
      case "partner":
        return /^[A-Z]{2}$/.test(code) ? `${format.countryName(code)} (${code})` : code;
      default:
        return code;
    }
  };
  return {
    field: (field: TCaliberField) => t(`statistics.calibers.fields.${field}`),
    meaning,
    /** The options of a choice, with an empty first one ("—") and any saved code this list lacks. */
    options: (field: ChoiceField, current: string): SelectOption[] => {
      const codes = choices(field);
      const all = current && !codes.includes(current) ? [...codes, current] : codes;
      return [
        { value: "", label: t("statistics.calibers.choose") },
        ...all.map((code) => ({ value: code, label: meaning(field, code) })),
      ];
    },
  };
}
