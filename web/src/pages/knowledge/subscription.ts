import type { TSubscriptionInput, TSubscriptionKind } from "./contracts";
import { normalizeHs } from "./search";

/** The body of a new subscription from the form: an HS code in digits only, an empty webhook left out. */
export function subscriptionInput(form: {
  kind: TSubscriptionKind;
  value: string;
  webhookUrl: string;
  email: boolean;
}): TSubscriptionInput {
  const value = form.kind === "hs" ? normalizeHs(form.value) : form.value.trim();
  const webhookUrl = form.webhookUrl.trim();
  return { kind: form.kind, value, email: form.email, ...(webhookUrl ? { webhookUrl } : {}) };
}
