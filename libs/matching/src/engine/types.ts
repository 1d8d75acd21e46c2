export interface ScenarioMatchInput {
  id: string;
  title: string;
  summary: string | null;
  description: string | null;
  domain: string;
  sector: string | null;
  capabilityCodes: string[];
  district: string | null;
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  trlRequired: number | null;
  /** KPIs, requirements … */
  extraText?: string | null;
}

export interface VendorMatchInput {
  organisationId: string;
  name: string;
  description: string;
  domains: string[];
  capabilityCodes: string[];
  industryFields: string[];
  districts: string[];
  productsText: string[];
  pastCases: string[];
  trl: number | null;
  typicalBudgetMinYuan: number | null;
  typicalBudgetMaxYuan: number | null;
  /** Deliveries accepted on this platform: weighs more than self-declared cases. */
  acceptedDeliveries: number;
}

/** Analysed scenario: plain JSON (store as jsonb, send to worker threads). */
export interface ScenarioDoc {
  kind: 'scenario';
  id: string;
  domain: string;
  sector: string | null;
  district: string | null;
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  trlRequired: number | null;
  /** Ticked capability codes (sorted, unique). */
  capabilityCodes: string[];
  /** Capability codes recognised in the scenario text (sorted). */
  recognisedCapabilities: string[];
  /** Capability code → how much the scenario needs it (ticked 1, recognised only less). */
  needs: Record<string, number>;
  /** Canonical term → weighted frequency (title and summary weigh more). */
  terms: Record<string, number>;
  length: number;
}

/** Analysed vendor profile: plain JSON. */
export interface VendorDoc {
  kind: 'vendor';
  organisationId: string;
  name: string;
  /** Domain code → fit: 1 declared, less when only the text shows it. */
  domainFit: Record<string, number>;
  domains: string[];
  capabilityCodes: string[];
  /** Capability codes recognised in the vendor's description, products and cases (sorted). */
  recognisedCapabilities: string[];
  /** Capability code → strength 0..1 (ticked and evidenced in text > text only > ticked only). */
  capabilityStrength: Record<string, number>;
  /** Sector code → evidence 0..1 from the text. */
  sectorFit: Record<string, number>;
  /** City districts served (citywide expanded out), sorted. */
  districts: string[];
  citywide: boolean;
  trl: number | null;
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  acceptedDeliveries: number;
  pastCaseCount: number;
  /** Canonical term → frequency over description, products and cases. */
  terms: Record<string, number>;
  length: number;
}

/** Statistics over the vendor docs (BM25 document frequencies). */
export interface CorpusStats {
  n: number;
  avgLength: number;
  df: Record<string, number>;
}

export type MatchComponentKey =
  'domain' | 'sector' | 'capability' | 'text' | 'district' | 'budget' | 'trl' | 'track_record';

export interface MatchComponent {
  key: MatchComponentKey;
  points: number;
  max: number;
  detail: Record<string, unknown>;
}

export interface MatchResult {
  /** 0–100, one decimal. */
  score: number;
  components: MatchComponent[];
  /** Canonical terms shared by the scenario and the vendor's texts, strongest first. */
  matchedTerms: string[];
  /** Capability codes the scenario needs that the vendor's own texts show. */
  recognisedCapabilities: string[];
}
