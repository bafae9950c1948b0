import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { Button } from "../../components";
import { useMe } from "../../session";
import { ActionError } from "../declarations/ActionError";
import { useNameLanguage } from "../reference/LocalName";
import { pickName } from "../reference/names";
import { pairName } from "../reference/ports";
import { useBorderPorts } from "../reference/queries";
import { useFormatters } from "../tariffs/labels";
import { isStatistician } from "./access";
import { type DownloadFormat, downloadQuery } from "./api";
import type { TQuery } from "./contracts";
import { TRADE_MODES } from "./contracts";
import type { SeriesKey } from "./dashboard";
import { CALIBERS_PATH, DATASETS_PATH, MIRROR_PATH, STATISTICS_PATH, UNIT_VALUES_PATH } from "./paths";
import { useHsLevel } from "./queries";

// Labels and small controls shared by the statistics pages.

/** The colour class of each reporter and flow, the same on every chart. */
export const SERIES_CLASS: Record<SeriesKey, string> = {
  CN_export: "series-1",
  RU_export: "series-0",
  CN_import: "series-3",
  RU_import: "series-5",
};

/** Names for the codes the facts carry, in the reader's language; a code this client does not know stays a code. */
export function useStatLabels() {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  const ports = useBorderPorts();
  const sections = useHsLevel("section");
  const format = useFormatters();
  return {
    series: (key: SeriesKey) => t(`statistics.series.${key}`),
    tradeMode: (code: string) =>
      code === ""
        ? t("statistics.notStated")
        : TRADE_MODES.some((mode) => mode === code)
          ? t(`statistics.tradeMode.${code as (typeof TRADE_MODES)[number]}`)
          : code,
    port: (id: string) => {
      if (id === "") return t("statistics.notStated");
      const port = ports.data?.find((candidate) => candidate.id === id);
      return port ? pairName(port, reader) : id;
    },
    section: (code: string) => {
      if (code === "") return t("statistics.notStated");
      const section = sections.data?.find((candidate) => candidate.code === code);
      const name = section ? pickName(section.names, reader)?.text : undefined;
      return name ? t("statistics.sectionName", { code, name }) : t("statistics.sectionCode", { code });
    },
    money: (value: string, currency: string) => format.money(value, currency),
    moneyShort: (value: string, currency: string) => format.moneyShort(value, currency),
    decimal: format.decimal,
    percent: format.percent,
  };
}

/** CSV and XLSX of exactly the query a chart shows. */
export function DownloadButtons({ query, fileName }: { query: TQuery; fileName: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const download = useMutation({
    mutationFn: (format: DownloadFormat) =>
      downloadQuery(query, format, fileName, me.data?.csrfToken ?? null),
  });
  return (
    <>
      {(["csv", "xlsx"] as const).map((format) => (
        <Button
          key={format}
          size="sm"
          variant="secondary"
          loading={download.isPending && download.variables === format}
          onClick={() => download.mutate(format)}
          aria-label={t(`statistics.download.${format}Label`)}
        >
          {t(`statistics.download.${format}`)}
        </Button>
      ))}
      <ActionError error={download.error} />
    </>
  );
}

/** The statistics pages as tabs of one section. */
export function StatisticsNav() {
  const { t } = useTranslation();
  const me = useMe();
  const links = [
    { to: STATISTICS_PATH, label: t("statistics.nav.dashboard"), end: true },
    { to: MIRROR_PATH, label: t("statistics.mirror.title"), end: false },
    { to: UNIT_VALUES_PATH, label: t("statistics.unitValues.title"), end: false },
    ...(isStatistician(me.data)
      ? [
          { to: DATASETS_PATH, label: t("statistics.datasets.title"), end: false },
          { to: CALIBERS_PATH, label: t("statistics.calibers.title"), end: false },
        ]
      : []),
  ];
  return (
    <nav className="stat-nav" aria-label={t("statistics.nav.label")}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end} className="stat-nav__link">
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
