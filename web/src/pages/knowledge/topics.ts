// Topics are free codes on the server (`[a-z_]{2,40}`); the pages name the ones the team uses and show
// any other by its code.
export const TOPICS = [
  "border_trade",
  "small_scale_border_trade",
  "border_residents_trade",
  "cross_border_ecommerce",
  "supervision_modes",
  "customs_control",
  "mutual_recognition",
  "aeo",
  "green_corridor",
  "tariffs",
  "nomenclature",
  "tax",
  "vat",
  "export_duty",
  "export",
  "prohibitions",
  "timber",
  "exchange_rates",
  "identifiers",
  "transport",
  "rail",
  "road",
  "ports",
] as const;
export type TTopic = (typeof TOPICS)[number];

export function isKnownTopic(topic: string): topic is TTopic {
  return TOPICS.some((known) => known === topic);
}
