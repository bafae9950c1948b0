import type { TAeoLevel, TEnterpriseRegistration, TSide } from "../../contracts";

// The registration form's state and the request built from it: pure, so it can be unit-tested.

export interface RegistrationDraft {
  side: TSide;
  uscc: string;
  inn: string;
  ogrn: string;
  kpp: string;
  nameZh: string;
  nameRu: string;
  nameEn: string;
  legalForm: string;
  /** A region code, `other` (then `regionOther` holds the code) or "" before a choice. */
  region: string;
  regionOther: string;
  address: string;
  email: string;
  phone: string;
  website: string;
  hsChapters: string[];
  borderTrade: boolean;
  aeoLevel: TAeoLevel | "none";
  aeoSince: string;
  crossBorderEcommerce: boolean;
}

export function emptyDraft(side: TSide): RegistrationDraft {
  return {
    side,
    uscc: "",
    inn: "",
    ogrn: "",
    kpp: "",
    nameZh: "",
    nameRu: "",
    nameEn: "",
    legalForm: "",
    region: "",
    regionOther: "",
    address: "",
    email: "",
    phone: "",
    website: "",
    hsChapters: [],
    borderTrade: false,
    aeoLevel: "none",
    aeoSince: "",
    crossBorderEcommerce: false,
  };
}

// What the server removes before checking an identifier (docs/IDENTIFIERS.md, "Normalization"): white
// space, hyphens and dashes, the minus sign, the soft hyphen and zero-width characters.
const IGNORED_IN_IDENTIFIERS = /[\s\u00ad\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff-]/gu;

/**
 * A 12-digit INN belongs to an individual (a sole proprietor): the registration then takes a 15-digit
 * OGRNIP instead of an OGRN, and no KPP.
 */
export function isIndividualInn(inn: string): boolean {
  return inn.normalize("NFKC").replace(IGNORED_IN_IDENTIFIERS, "").length === 12;
}

/** The native-language name is required: Chinese for a Chinese enterprise, Russian for a Russian one. */
export function nativeNameKey(side: TSide): "nameZh" | "nameRu" {
  return side === "CN" ? "nameZh" : "nameRu";
}

function text(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** Copies the members whose value is defined, so optional fields are left out rather than sent empty. */
function defined<T extends Record<string, string | undefined>>(record: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: string;
  };
}

/**
 * The body of `POST /enterprises`. Only the identifiers of the chosen side are sent; the server checks
 * them (and everything else) and reports each problem at its field.
 */
export function toRegistration(draft: RegistrationDraft): TEnterpriseRegistration {
  const identifiers =
    draft.side === "CN"
      ? defined({ uscc: text(draft.uscc) })
      : defined({
          inn: text(draft.inn),
          ogrn: text(draft.ogrn),
          kpp: isIndividualInn(draft.inn) ? undefined : text(draft.kpp),
        });
  const legalForm = text(draft.legalForm);
  const address = text(draft.address);
  const aeoSince = draft.aeoLevel === "none" ? undefined : text(draft.aeoSince);
  const region = draft.region === "other" ? text(draft.regionOther)?.toUpperCase() : text(draft.region);
  return {
    side: draft.side,
    identifiers,
    names: defined({ zh: text(draft.nameZh), ru: text(draft.nameRu), en: text(draft.nameEn) }),
    ...(legalForm ? { legalForm } : {}),
    ...(region ? { region } : {}),
    ...(address ? { address } : {}),
    contacts: defined({ email: text(draft.email), phone: text(draft.phone), website: text(draft.website) }),
    hsChapters: [...new Set(draft.hsChapters)].sort(),
    borderTrade: draft.borderTrade,
    aeo: {
      level: draft.aeoLevel === "none" ? null : draft.aeoLevel,
      ...(aeoSince ? { since: aeoSince } : {}),
    },
    crossBorderEcommerce: draft.crossBorderEcommerce,
  };
}
