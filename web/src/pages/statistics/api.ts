import { ApiError, isApiError, request, requestWithUploadProgress, type UploadOptions } from "../../api";
import i18n, { currentLanguage } from "../../i18n";
import {
  type TCaliber,
  type TCaliberMapping,
  type TCheck,
  type TDataset,
  type THsBriefList,
  type TImportReport,
  type TMirror,
  type TMirrorQuery,
  type TQuery,
  type TQueryResult,
  type TUnitValues,
  ZCaliber,
  ZCaliberList,
  ZCheck,
  ZDatasetList,
  ZImportReport,
  ZMirror,
  ZQueryResult,
  ZSectionList,
  ZUnitValues,
} from "./contracts";

// The statistics API: public queries, the mirror report and unit-value bands; the statisticians'
// datasets. Every answer is checked against its contract; problems arrive as ApiError.

/** The largest file sent in one import request (the server's body limit is 64 MB of JSON). */
export const MAX_IMPORT_BYTES = 48 * 1024 * 1024;

export async function runQuery(body: TQuery, signal?: AbortSignal): Promise<TQueryResult> {
  return request("/statistics/query", ZQueryResult, { method: "POST", body, signal });
}

export type DownloadFormat = "csv" | "xlsx";

/**
 * Downloads a query as CSV or XLSX. The server answers these only to a POST with the query as JSON, so
 * the browser cannot follow a plain link: the file is fetched here and handed over as a blob. A cookie
 * session's POST needs its CSRF token, which the caller takes from `/me`.
 */
export async function downloadQuery(
  body: TQuery,
  format: DownloadFormat,
  fileName: string,
  csrfToken: string | null,
): Promise<void> {
  const headers = new Headers({
    "Content-Type": "application/json",
    "Accept-Language": currentLanguage(),
  });
  if (csrfToken) headers.set("X-CSRF-Token", csrfToken);
  let response: Response;
  try {
    response = await fetch(`/api/v1/statistics/query?format=${format}`, {
      method: "POST",
      headers,
      credentials: "same-origin",
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: "NETWORK_ERROR",
      title: i18n.t("errors.networkTitle"),
      detail: i18n.t("errors.networkDetail"),
    });
  }
  if (!response.ok) {
    // Read the problem through the shared client's parser by asking for the JSON answer instead.
    try {
      await runQuery(body);
    } catch (error) {
      if (isApiError(error)) throw error;
    }
    throw new ApiError({
      status: response.status,
      code: `HTTP_${response.status}`,
      title: i18n.t("errors.unexpectedTitle"),
    });
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${fileName}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the address is revoked.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function mirrorSearch(query: TMirrorQuery): URLSearchParams {
  const params = new URLSearchParams({
    exporter: query.exporter,
    level: query.level,
    by: query.by,
    cifFobPct: query.cifFobPct,
    thresholdPct: query.thresholdPct,
    top: String(query.top),
  });
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  return params;
}

export async function fetchMirror(query: TMirrorQuery, signal?: AbortSignal): Promise<TMirror> {
  return request(`/statistics/mirror?${mirrorSearch(query)}`, ZMirror, { signal });
}

export async function fetchUnitValues(
  query: { hs6: string; flow?: "export" | "import"; from?: number; to?: number },
  signal?: AbortSignal,
): Promise<TUnitValues> {
  const params = new URLSearchParams({ hs6: query.hs6 });
  if (query.flow) params.set("flow", query.flow);
  if (query.from !== undefined) params.set("from", String(query.from));
  if (query.to !== undefined) params.set("to", String(query.to));
  return request(`/statistics/unit-values?${params}`, ZUnitValues, { signal });
}

/** The names of one HS level's codes (the 21 sections, or the 97 chapters), for labels. */
export async function listHsLevel(level: "section" | "chapter", signal?: AbortSignal): Promise<THsBriefList> {
  return (await request(`/hs?level=${level}`, ZSectionList, { signal })).items;
}

export async function listDatasets(signal?: AbortSignal): Promise<TDataset[]> {
  return (await request("/statistics/datasets", ZDatasetList, { signal })).items;
}

export async function publishDataset(datasetId: string): Promise<TDataset[]> {
  return (
    await request(`/statistics/datasets/${encodeURIComponent(datasetId)}/publish`, ZDatasetList, {
      method: "POST",
      body: {},
    })
  ).items;
}

export async function importComtrade(body: {
  fileName: string;
  content: string;
  published: boolean;
}): Promise<TImportReport> {
  return request("/statistics/imports/comtrade", ZImportReport, { method: "POST", body });
}

export async function checkFacts(signal?: AbortSignal): Promise<TCheck> {
  return request("/statistics/check", ZCheck, { signal });
}

export async function listCalibers(signal?: AbortSignal): Promise<TCaliber[]> {
  return (await request("/statistics/calibers", ZCaliberList, { signal })).items;
}

/** Saves a caliber under its name: a new one, or a new mapping for an existing one. */
export async function saveCaliber(name: string, mapping: TCaliberMapping): Promise<TCaliber> {
  return request(`/statistics/calibers/${encodeURIComponent(name)}`, ZCaliber, {
    method: "PUT",
    body: mapping,
  });
}

/** Imports a source's file through its caliber, reporting how much of the file has been sent. */
export async function importCaliberFile(
  name: string,
  body: { fileName: string; content: string; published: boolean },
  progress: Pick<UploadOptions, "onUploadProgress" | "onUploaded" | "signal"> = {},
): Promise<TImportReport> {
  return requestWithUploadProgress(`/statistics/imports/caliber/${encodeURIComponent(name)}`, ZImportReport, {
    body,
    ...progress,
  });
}
