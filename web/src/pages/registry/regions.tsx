import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useFormField } from "../../components/Form";
import type { TSide } from "../../contracts";
import { useNameLanguage } from "../reference/LocalName";
import { pickName } from "../reference/names";
import { useRegions } from "./queries";

/**
 * The regions along the China–Russia border, offered first. Their names are the ones of the reference
 * data (data/reference/regions), so that they read the same when `/regions` cannot be reached.
 */
export const BORDER_REGIONS = [
  {
    code: "CN-HL",
    country: "CN",
    names: { zh: "黑龙江省", ru: "Провинция Хэйлунцзян", en: "Heilongjiang Province" },
  },
  {
    code: "CN-NM",
    country: "CN",
    names: {
      zh: "内蒙古自治区",
      ru: "Автономный район Внутренняя Монголия",
      en: "Inner Mongolia Autonomous Region",
    },
  },
  { code: "CN-JL", country: "CN", names: { zh: "吉林省", ru: "Провинция Цзилинь", en: "Jilin Province" } },
  { code: "RU-AMU", country: "RU", names: { zh: "阿穆尔州", ru: "Амурская область", en: "Amur Oblast" } },
  { code: "RU-PRI", country: "RU", names: { zh: "滨海边疆区", ru: "Приморский край", en: "Primorsky Krai" } },
  {
    code: "RU-ZAB",
    country: "RU",
    names: { zh: "外贝加尔边疆区", ru: "Забайкальский край", en: "Zabaykalsky Krai" },
  },
  {
    code: "RU-YEV",
    country: "RU",
    names: { zh: "犹太自治州", ru: "Еврейская автономная область", en: "Jewish Autonomous Oblast" },
  },
  {
    code: "RU-KHA",
    country: "RU",
    names: { zh: "哈巴罗夫斯克边疆区", ru: "Хабаровский край", en: "Khabarovsk Krai" },
  },
] as const satisfies readonly { code: string; country: TSide; names: Record<"zh" | "ru" | "en", string> }[];

const BORDER_CODES: ReadonlySet<string> = new Set(BORDER_REGIONS.map((region) => region.code));

/** The value of the select that reveals a field for an ISO 3166-2 code not in the list. */
export const OTHER_REGION = "other";

export interface RegionOption {
  code: string;
  name: string;
}

/**
 * The regions of one side (or both, `side` null) in two groups: the border regions, then the others by
 * name. `complete` is false when only the built-in border regions are known (`/regions` failed).
 */
export function useRegionOptions(side: TSide | null): {
  border: RegionOption[];
  others: RegionOption[];
  complete: boolean;
  pending: boolean;
} {
  const { i18n } = useTranslation();
  const reader = useNameLanguage();
  const regions = useRegions();
  const ofSide = <R extends { country: string }>(list: readonly R[]) =>
    side === null ? list : list.filter((region) => region.country === side);
  const border = ofSide(BORDER_REGIONS).map((region) => ({
    code: region.code,
    name: pickName(region.names, reader)?.text ?? region.code,
  }));
  if (!regions.data) return { border, others: [], complete: false, pending: regions.isPending };
  const collator = new Intl.Collator(i18n.language);
  const others = ofSide(regions.data)
    .filter((region) => !BORDER_CODES.has(region.code))
    .map((region) => ({ code: region.code, name: region.name }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return { border, others, complete: true, pending: false };
}

export interface RegionFieldProps {
  side: TSide;
  /** The select's value: a region code, `OTHER_REGION`, or "" before a choice. */
  value: string;
  onChange: (value: string) => void;
  otherCode: string;
  onOtherCodeChange: (value: string) => void;
}

/** The registration's region: a list of the side's regions, or a free ISO 3166-2 code. */
export function RegionField({ side, value, onChange, otherCode, onOtherCodeChange }: RegionFieldProps) {
  const { t } = useTranslation();
  const generated = useId().replace(/:/g, "");
  const id = `region-${generated}`;
  const otherId = `${id}-other`;
  const errorId = `${id}-error`;
  const options = useRegionOptions(side);
  const formError = useFormField("region", value === OTHER_REGION ? otherId : id);
  const sideName = t(`side.${side}`);
  return (
    <div className={formError ? "field field--invalid" : "field"}>
      <label className="field__label" htmlFor={id}>
        {t("registry.form.region")}
      </label>
      {formError ? (
        <p className="field__error" id={errorId}>
          {formError}
        </p>
      ) : null}
      <select
        id={id}
        name="region"
        className="input select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required
        aria-invalid={formError ? true : undefined}
        aria-describedby={formError ? errorId : undefined}
      >
        <option value="">{t("registry.form.regionChoose")}</option>
        <optgroup label={t("registry.form.regionBorder")}>
          {options.border.map((region) => (
            <option key={region.code} value={region.code}>
              {region.name} ({region.code})
            </option>
          ))}
        </optgroup>
        {options.others.length > 0 ? (
          <optgroup label={t("registry.form.regionOthers", { side: sideName })}>
            {options.others.map((region) => (
              <option key={region.code} value={region.code}>
                {region.name} ({region.code})
              </option>
            ))}
          </optgroup>
        ) : null}
        {options.complete || options.pending ? null : (
          <option value={OTHER_REGION}>{t("registry.form.regionOther")}</option>
        )}
      </select>
      {value === OTHER_REGION ? (
        <div className="field region-other">
          <label className="field__label" htmlFor={otherId}>
            {t("registry.form.regionCode")}
          </label>
          <p className="field__hint" id={`${otherId}-hint`}>
            {t("registry.form.regionCodeHint", { example: side === "CN" ? "CN-LN" : "RU-IRK" })}
          </p>
          <input
            id={otherId}
            type="text"
            className="input input--mono region-other__input"
            value={otherCode}
            onChange={(event) => onOtherCodeChange(event.target.value.toUpperCase())}
            aria-describedby={`${otherId}-hint`}
            autoComplete="off"
            spellCheck={false}
            required
          />
        </div>
      ) : null}
    </div>
  );
}
