import { request } from "../../api";
import type { TSide } from "../../contracts";
import {
  type TAllocationResult,
  type TApplication,
  type TApplicationInput,
  type TLicence,
  type TLicenceSummary,
  type TManualGrant,
  type TPool,
  type TPoolInput,
  type TUtilization,
  type TVerification,
  ZAllocationResult,
  ZApplication,
  ZApplicationList,
  ZLicence,
  ZLicenceList,
  ZPool,
  ZPoolList,
  ZUtilization,
  ZVerification,
} from "./contracts";

// The quotas API: public pools, allocations and verification; the enterprise's applications and
// licences; the quota officers' work on the pools of their side. Every answer is checked against its
// contract; problems arrive as ApiError in the reader's language.

const id = (value: string) => encodeURIComponent(value);

export async function listPools(side: TSide | undefined, signal?: AbortSignal): Promise<TPool[]> {
  return (await request(`/quotas/pools${side ? `?side=${side}` : ""}`, ZPoolList, { signal })).items;
}

export async function fetchPool(poolId: string, signal?: AbortSignal): Promise<TPool> {
  return request(`/quotas/pools/${id(poolId)}`, ZPool, { signal });
}

/** The pool's licences: public once the allocations are published (empty before, except to its officers). */
export async function listAllocations(poolId: string, signal?: AbortSignal): Promise<TLicenceSummary[]> {
  return (await request(`/quotas/pools/${id(poolId)}/allocations`, ZLicenceList, { signal })).items;
}

/** The address of the allocation list as CSV, for a plain download link. */
export function allocationsCsvUrl(poolId: string): string {
  return `/api/v1/quotas/pools/${id(poolId)}/allocations.csv`;
}

export async function fetchUtilization(poolId: string, signal?: AbortSignal): Promise<TUtilization> {
  return request(`/quotas/pools/${id(poolId)}/utilization`, ZUtilization, { signal });
}

export async function createPool(body: TPoolInput): Promise<TPool> {
  return request("/quotas/pools", ZPool, { method: "POST", body });
}

/** Changes a pool by adding a version; the server keeps the history in its audit log. */
export async function updatePool(poolId: string, body: TPoolInput): Promise<TPool> {
  return request(`/quotas/pools/${id(poolId)}`, ZPool, { method: "PUT", body });
}

export type PoolAction = "publish" | "close" | "publish-allocations";

export async function actOnPool(poolId: string, action: PoolAction): Promise<TPool> {
  return request(`/quotas/pools/${id(poolId)}/${action}`, ZPool, { method: "POST", body: {} });
}

export async function listPoolApplications(poolId: string, signal?: AbortSignal): Promise<TApplication[]> {
  return (await request(`/quotas/pools/${id(poolId)}/applications`, ZApplicationList, { signal })).items;
}

/** Allocates the pending applications by the pool's rule, or by the amounts given. */
export async function allocatePool(poolId: string, manual?: TManualGrant[]): Promise<TAllocationResult> {
  return request(`/quotas/pools/${id(poolId)}/allocate`, ZAllocationResult, {
    method: "POST",
    body: manual ? { manual } : {},
  });
}

export async function rejectApplication(applicationId: string, reason: string): Promise<TApplication> {
  return request(`/quotas/applications/${id(applicationId)}/reject`, ZApplication, {
    method: "POST",
    body: { reason },
  });
}

export async function applyForQuota(poolId: string, body: TApplicationInput): Promise<TApplication> {
  return request(`/quotas/pools/${id(poolId)}/applications`, ZApplication, { method: "POST", body });
}

export async function listMyApplications(signal?: AbortSignal): Promise<TApplication[]> {
  return (await request("/quotas/applications", ZApplicationList, { signal })).items;
}

export async function listMyLicences(signal?: AbortSignal): Promise<TLicenceSummary[]> {
  return (await request("/licences", ZLicenceList, { signal })).items;
}

export async function fetchLicence(number: string, signal?: AbortSignal): Promise<TLicence> {
  return request(`/licences/${id(number)}`, ZLicence, { signal });
}

export async function verifyLicence(number: string, signal?: AbortSignal): Promise<TVerification> {
  return request(`/licences/${id(number)}/verify`, ZVerification, { signal });
}
