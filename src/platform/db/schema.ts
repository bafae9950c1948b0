import type { Generated } from "kysely";

/**
 * Row types of the main (OLTP) database. Conventions that hold on SQLite and PostgreSQL alike:
 * ids are text UUIDs, times are ISO 8601 UTC text, booleans are 0/1 integers, JSON is text.
 * Only the mappers in each module translate these into domain values.
 */
export interface OrganizationsTable {
  id: string;
  kind: "enterprise" | "authority" | "platform";
  side: "CN" | "RU" | null;
  name: string;
  name_zh: string | null;
  name_ru: string | null;
  name_en: string | null;
  is_sample: number;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  locale: "zh-CN" | "ru-RU" | "en";
  password_hash: string | null;
  is_sample: number;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
}

export interface MembershipsTable {
  user_id: string;
  organization_id: string;
  role: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  occurred_at: string;
  actor_user_id: string | null;
  actor_label: string;
  organization_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: string;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export interface OutboxTable {
  seq: Generated<number>;
  event_id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string | null;
  payload: string;
  created_at: string;
  available_at: string;
  attempts: number;
  status: "pending" | "done" | "dead";
  claimed_until: string | null;
  last_error: string | null;
  done_at: string | null;
}

export interface OutboxDeliveriesTable {
  event_id: string;
  handler: string;
  delivered_at: string;
}

export interface IdempotencyKeysTable {
  key: string;
  user_id: string;
  operation: string;
  request_hash: string;
  response: string;
  created_at: string;
}

export interface SearchDocsTable {
  id: Generated<number>;
  scope: string;
  ref: string;
  title: string;
  body: string;
  /** Static rank multiplier (default 1). */
  boost: Generated<number>;
}

export interface HsNodesTable {
  code: string;
  level: "section" | "chapter" | "heading" | "subheading" | "national";
  parent_code: string | null;
  section_code: string | null;
  name_en: string | null;
  name_ru: string | null;
  name_zh: string | null;
  zh_source: string | null;
  ru_source: string | null;
  valid_from: string | null;
  valid_to: string | null;
  scheme: "HS" | "TNVED";
  ru_truncated: number;
  position: number;
}

export interface CountriesTable {
  alpha2: string;
  alpha3: string;
  numeric_code: string;
  name_en: string;
  name_ru: string | null;
  name_zh: string | null;
  currency_codes: string;
}

export interface CurrenciesTable {
  code: string;
  numeric_code: string | null;
  minor_unit: number | null;
  name_en: string;
  is_current: number;
  withdrawn: string | null;
  entities: string;
}

export interface LocationsTable {
  locode: string;
  country: string;
  name: string;
  name_ascii: string;
  subdivision_iso: string | null;
  function_code: string;
  functions: string;
  status: string | null;
  iata: string | null;
  lat: number | null;
  lon: number | null;
  coordinates_raw: string | null;
  edition: string;
}

export interface BorderPortsTable {
  id: string;
  position: number;
  cn_region: string;
  ru_region: string | null;
  status: string;
  data: string;
  capacity_vehicles: number | null;
  capacity_wagons: number | null;
  capacity_tonnes: number | null;
  capacity_source: "reference" | "configured";
  capacity_updated_at: string | null;
}

export interface ReferenceDatasetsTable {
  name: string;
  source_hash: string;
  row_count: number;
  loaded_at: string;
}

export interface RegionsTable {
  code: string;
  country: string;
  kind: string;
  name_local: string;
  name_zh: string | null;
  name_ru: string | null;
  name_en: string | null;
}

export interface EnterprisesTable {
  id: string;
  side: "CN" | "RU";
  status: "pending" | "verified" | "rejected";
  uscc: string | null;
  inn: string | null;
  ogrn: string | null;
  kpp: string | null;
  name_zh: string | null;
  name_ru: string | null;
  name_en: string | null;
  legal_form: string | null;
  region: string;
  address: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  website: string | null;
  hs_chapters: string;
  is_border_trade: number;
  aeo_level: "general" | "advanced" | null;
  aeo_since: string | null;
  is_cross_border_ecommerce: number;
  registered_by: string | null;
  registered_at: string;
  verified_at: string | null;
  verified_by: string | null;
  decision_reason: string | null;
  updated_at: string;
  is_sample: number;
}

export interface EnterpriseHsChaptersTable {
  enterprise_id: string;
  chapter: string;
}

export interface EnterpriseDecisionsTable {
  id: Generated<number>;
  enterprise_id: string;
  action: "registered" | "approved" | "rejected" | "updated" | "imported";
  actor_user_id: string | null;
  reason: string | null;
  at: string;
}

export interface EnterpriseClearanceStatsTable {
  enterprise_id: string;
  released: number;
  rejected: number;
  inspections: number;
  inspections_with_findings: number;
}

export interface TrustProfilesTable {
  enterprise_id: string;
  score: number;
  components: string;
  formula_version: number;
  computed_at: string;
}

export interface TrustHistoryTable {
  id: Generated<number>;
  enterprise_id: string;
  event_id: string;
  event_type: string;
  score: number;
  previous_score: number | null;
  components: string;
  at: string;
}

export interface FxRatesTable {
  source: string;
  base: string;
  quote: string;
  date: string;
  rate: string;
  published_on: string | null;
  imported_at: string;
  is_sample: number;
}

export interface TariffRulesTable {
  id: string;
  rule_key: string;
  version: number;
  side: "CN" | "RU";
  flow: "import" | "export";
  kind: "duty" | "vat" | "prohibition";
  hs_prefix: string;
  combination: "ad_valorem" | "specific" | "greater_of" | "sum" | "none";
  ad_valorem: string | null;
  specific_amount: string | null;
  specific_currency: string | null;
  specific_unit: string | null;
  valid_from: string;
  valid_to: string | null;
  legal_ref: string;
  source: "cited" | "sample";
  note: string | null;
  created_at: string;
  created_by: string | null;
  superseded_at: string | null;
  /** A free-trade-zone area the rule is limited to; null applies everywhere on the side. */
  zone?: string | null;
}

export interface ResidentAllowanceUsageTable {
  resident_key: string;
  date: string;
  used_fen: number;
}

export interface DeclarationsTable {
  id: string;
  number: string;
  side: "CN" | "RU";
  flow: "export" | "import";
  status: string;
  lane: "green" | "blue" | "yellow" | "red" | null;
  declarant_id: string;
  counterparty_id: string | null;
  counterparty_name: string;
  counterparty_country: string | null;
  port_id: string;
  trade_mode: string;
  unified_mode: string;
  transport_mode: string;
  conveyances: number;
  currency: string;
  incoterms: string;
  shipment_ref: string | null;
  decl_date: string;
  /** JSON: document references. */
  documents: string;
  total_value: string;
  total_net_kg: string;
  total_gross_kg: string;
  line_count: number;
  national_currency: string;
  duty_total: string | null;
  vat_total: string | null;
  /** JSON: each line's assessment with explanation keys (localized when presented). */
  assessment: string | null;
  /** JSON: the lane decision and why. */
  risk: string | null;
  recognition_basis: string | null;
  recognized_from: string | null;
  created_by: string | null;
  created_at: string;
  submitted_at: string | null;
  released_at: string | null;
  closed_at: string | null;
  updated_at: string;
  is_sample: number;
}

export interface DeclarationLinesTable {
  declaration_id: string;
  line_no: number;
  code: string;
  hs6: string;
  description: string;
  origin: string;
  quantity: string;
  unit: string;
  net_kg: string;
  gross_kg: string;
  value: string;
  licence_number: string | null;
  duty: string | null;
  vat: string | null;
}

export interface DeclarationEventsTable {
  id: Generated<number>;
  declaration_id: string;
  at: string;
  action: string;
  status: string;
  actor_user_id: string | null;
  actor_label: string | null;
  reason: string | null;
}

export interface InspectionsTable {
  id: string;
  declaration_id: string;
  side: "CN" | "RU";
  port_id: string;
  shipment_ref: string | null;
  result: "compliant" | "findings";
  findings: string | null;
  officer_user_id: string | null;
  officer_label: string | null;
  at: string;
}

export interface RiskRulesTable {
  id: string;
  rule_key: string;
  version: number;
  side: "CN" | "RU";
  name: string;
  description: string | null;
  /** JSON: the rule's conditions. */
  conditions: string;
  lane: "green" | "blue" | "yellow" | "red" | null;
  score: number | null;
  active: number;
  created_at: string;
  created_by: string | null;
  superseded_at: string | null;
  is_sample: number;
}

export interface RiskSettingsTable {
  side: "CN" | "RU";
  version: number;
  /** JSON: random-selection rates, score thresholds, green-corridor categories. */
  data: string;
  updated_at: string;
  updated_by: string | null;
  superseded_at: string | null;
}

export interface QuotaPoolsTable {
  id: string;
  side: "CN" | "RU";
  direction: "export" | "import";
  name_zh: string | null;
  name_ru: string | null;
  name_en: string | null;
  /** JSON array of HS prefixes. */
  hs_prefixes: string;
  period_from: string;
  period_to: string;
  unit: "t" | "m3" | "kg" | "pcs" | "value";
  currency: string | null;
  total_milli: number;
  border_share_pct: string;
  allocation_rule: "first_come" | "pro_rata" | "manual";
  status: "draft" | "published" | "closed";
  allocations_published_at: string | null;
  legal_ref: string | null;
  note: string | null;
  version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  is_sample: number;
}

export interface QuotaApplicationsTable {
  id: string;
  pool_id: string;
  enterprise_id: string;
  amount_milli: number;
  is_border_trade: number;
  status: "pending" | "allocated" | "rejected" | "withdrawn";
  note: string | null;
  reason: string | null;
  created_at: string;
  created_by: string | null;
  decided_at: string | null;
  decided_by: string | null;
}

export interface LicencesTable {
  id: string;
  number: string;
  pool_id: string;
  holder_id: string;
  application_id: string | null;
  amount_milli: number;
  reserved_milli: number;
  consumed_milli: number;
  from_border_share: number;
  valid_from: string;
  valid_to: string;
  status: "active" | "revoked";
  issued_at: string;
  issued_by: string | null;
  is_sample: number;
}

export interface LicenceMovementsTable {
  id: Generated<number>;
  licence_id: string;
  reference: string;
  kind: "reserve" | "consume" | "return";
  amount_milli: number;
  declaration_id: string | null;
  at: string;
}

export interface KbDocumentsTable {
  id: string;
  kind: string;
  side: "CN" | "RU" | "bilateral";
  issuing_body: string;
  number: string | null;
  /** The official number normalized for exact matching (brackets, spaces, case). */
  number_key: string | null;
  issued_on: string | null;
  effective_on: string | null;
  repealed_on: string | null;
  status: "draft" | "review" | "published" | "repealed";
  original_lang: "zh" | "ru" | "en";
  hs_prefixes: string;
  ports: string;
  regions: string;
  topics: string;
  source_url: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  published_at: string | null;
  is_sample: number;
}

export interface KbVersionsTable {
  id: Generated<number>;
  document_id: string;
  lang: "zh" | "ru" | "en";
  version: number;
  title: string;
  body: string;
  translation: "original" | "official" | "unofficial";
  is_summary: number;
  note: string | null;
  created_at: string;
  created_by: string | null;
}

export interface KbRelationsTable {
  document_id: string;
  kind: "amends" | "repeals" | "implements" | "references" | "counterpart_of";
  target_id: string;
}

export interface KbTermsTable {
  id: string;
  zh: string;
  ru: string;
  en: string;
  note: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface KbSubscriptionsTable {
  id: string;
  user_id: string;
  kind: "hs" | "port" | "topic" | "document";
  value: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  email: number;
  created_at: string;
}

export interface KbNotificationsTable {
  id: Generated<number>;
  user_id: string;
  event_id: string;
  document_id: string;
  change: "published" | "amended" | "repealed";
  reason: string;
  created_at: string;
  read_at: string | null;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  subscription_id: string;
  event_id: string;
  url: string;
  payload: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  next_at: string;
  last_error: string | null;
  response_status: number | null;
  delivered_at: string | null;
  created_at: string;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  user_id: string;
  event_id: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
}

export interface DB {
  kb_documents: KbDocumentsTable;
  kb_versions: KbVersionsTable;
  kb_relations: KbRelationsTable;
  kb_terms: KbTermsTable;
  kb_subscriptions: KbSubscriptionsTable;
  kb_notifications: KbNotificationsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  email_outbox: EmailOutboxTable;
  quota_pools: QuotaPoolsTable;
  quota_applications: QuotaApplicationsTable;
  licences: LicencesTable;
  licence_movements: LicenceMovementsTable;
  declarations: DeclarationsTable;
  declaration_lines: DeclarationLinesTable;
  declaration_events: DeclarationEventsTable;
  inspections: InspectionsTable;
  risk_rules: RiskRulesTable;
  risk_settings: RiskSettingsTable;
  tariff_rules: TariffRulesTable;
  resident_allowance_usage: ResidentAllowanceUsageTable;
  fx_rates: FxRatesTable;
  regions: RegionsTable;
  enterprises: EnterprisesTable;
  enterprise_hs_chapters: EnterpriseHsChaptersTable;
  enterprise_decisions: EnterpriseDecisionsTable;
  enterprise_clearance_stats: EnterpriseClearanceStatsTable;
  trust_profiles: TrustProfilesTable;
  trust_history: TrustHistoryTable;
  hs_nodes: HsNodesTable;
  countries: CountriesTable;
  currencies: CurrenciesTable;
  locations: LocationsTable;
  border_ports: BorderPortsTable;
  reference_datasets: ReferenceDatasetsTable;
  search_docs: SearchDocsTable;
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  outbox: OutboxTable;
  outbox_deliveries: OutboxDeliveriesTable;
  idempotency_keys: IdempotencyKeysTable;
}
