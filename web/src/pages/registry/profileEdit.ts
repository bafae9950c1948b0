import type { TEnterprise, TEnterprisePrivate, TEnterpriseUpdate } from "../../contracts";

// The profile editor's state and the PATCH built from it: pure, so it can be unit-tested.

export interface ProfileDraft {
  nameZh: string;
  nameRu: string;
  nameEn: string;
  legalForm: string;
  address: string;
  email: string;
  phone: string;
  website: string;
  hsChapters: string[];
  crossBorderEcommerce: boolean;
}

export function draftOf(enterprise: TEnterprise, details: TEnterprisePrivate | undefined): ProfileDraft {
  return {
    nameZh: enterprise.names.zh ?? "",
    nameRu: enterprise.names.ru ?? "",
    nameEn: enterprise.names.en ?? "",
    legalForm: enterprise.legalForm ?? "",
    address: enterprise.address ?? "",
    email: details?.contacts.email ?? "",
    phone: details?.contacts.phone ?? "",
    website: details?.contacts.website ?? "",
    hsChapters: [...enterprise.hsChapters],
    crossBorderEcommerce: enterprise.crossBorderEcommerce,
  };
}

function text(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** Only what changed; the API takes no empty texts, so a field can be changed but not emptied here. */
export function profilePatch(before: ProfileDraft, after: ProfileDraft): TEnterpriseUpdate {
  const patch: TEnterpriseUpdate = {};
  const changed = (key: keyof ProfileDraft) => JSON.stringify(before[key]) !== JSON.stringify(after[key]);
  const names: NonNullable<TEnterpriseUpdate["names"]> = {};
  for (const [key, language] of [
    ["nameZh", "zh"],
    ["nameRu", "ru"],
    ["nameEn", "en"],
  ] as const) {
    const value = text(after[key]);
    if (changed(key) && value) names[language] = value;
  }
  if (Object.keys(names).length > 0) patch.names = names;
  const legalForm = text(after.legalForm);
  if (changed("legalForm") && legalForm) patch.legalForm = legalForm;
  const address = text(after.address);
  if (changed("address") && address) patch.address = address;
  const contacts: NonNullable<TEnterpriseUpdate["contacts"]> = {};
  for (const key of ["email", "phone", "website"] as const) {
    const value = text(after[key]);
    if (changed(key) && value) contacts[key] = value;
  }
  if (Object.keys(contacts).length > 0) patch.contacts = contacts;
  if (changed("hsChapters")) patch.hsChapters = [...new Set(after.hsChapters)].sort();
  if (changed("crossBorderEcommerce")) patch.crossBorderEcommerce = after.crossBorderEcommerce;
  return patch;
}
