import { DIRECTIONS, type TDirection, type TReasonedDoc } from "./contracts";
import { isIsoDate, normalizeHs } from "./search";

// "What applies to me" lives in the address (`/knowledge/applies?hs=4407&direction=RU_TO_CN`), so an
// answer can be linked and a reload asks again. Pure, so it can be unit-tested.

export interface AppliesForm {
  hs: string;
  direction: TDirection;
  port: string;
  date: string;
}

/** The server answers for 4 to 10 digits. */
export function isAppliesCode(hs: string): boolean {
  return /^\d{4,10}$/.test(hs);
}

export function formFromParams(params: URLSearchParams, fallbackDirection: TDirection): AppliesForm {
  const direction = DIRECTIONS.find((d) => d === params.get("direction")) ?? fallbackDirection;
  const date = params.get("date") ?? "";
  return {
    hs: normalizeHs(params.get("hs") ?? "").slice(0, 10),
    direction,
    port: (params.get("port") ?? "").trim(),
    date: isIsoDate(date) ? date : "",
  };
}

export function paramsFromForm(form: AppliesForm): Record<string, string> {
  const params: Record<string, string> = { hs: normalizeHs(form.hs), direction: form.direction };
  if (form.port) params.port = form.port;
  if (form.date) params.date = form.date;
  return params;
}

/** The direction a reader most likely asks about: Russian readers export to China, Chinese to Russia. */
export function defaultDirection(language: string): TDirection {
  return language.startsWith("ru") ? "RU_TO_CN" : "CN_TO_RU";
}

/**
 * Documents that name the code or the port before those that apply to all goods. The server gives the
 * reason as a sentence only; a sentence that names a code (digits) or the port is a specific one.
 */
export function specificFirst(
  documents: readonly TReasonedDoc[],
  port: string,
): { specific: TReasonedDoc[]; general: TReasonedDoc[] } {
  const isSpecific = (doc: TReasonedDoc) =>
    /\d{2,}/.test(doc.reason) || (port !== "" && doc.reason.includes(port));
  return { specific: documents.filter(isSpecific), general: documents.filter((doc) => !isSpecific(doc)) };
}
