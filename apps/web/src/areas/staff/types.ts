/**
 * Mirrors of the API views the staff area reads (libs/<context>/src/*.views.ts). Only the fields the
 * pages use are typed; the API may send more.
 */

export type ScenarioStatus =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'approved'
  | 'published'
  | 'closed'
  | 'under_evaluation'
  | 'awarded'
  | 'no_award'
  | 'in_delivery'
  | 'accepted'
  | 'demonstration'
  | 'rejected'
  | 'withdrawn'
  | 'cancelled';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// ---- Scenarios, vetting, batches (libs/scenarios) ----

export interface ScenarioKpi {
  metric: string;
  baseline: string;
  target: string;
  unit: string;
}

export interface ScenarioDataResource {
  name: string;
  description: string;
  accessTerms: string;
  sandboxed: boolean;
}

export interface ScenarioCompliance {
  algorithmFiling: boolean;
  generativeAiFiling: boolean;
  dataSecurityLevel: 'general' | 'important' | 'core';
  personalInformation: boolean;
}

export interface AwardNotice {
  outcome: 'award' | 'no_award';
  winners: { name: string; members: string[]; amountYuan: number }[];
  totalAmountYuan: number | null;
  summary: string;
  decidedAt: string;
  standstillEndsAt: string;
}

export interface ScenarioView {
  id: string;
  code: string | null;
  agencyOrganisationId: string;
  status: ScenarioStatus;
  title: string;
  summary: string | null;
  description: string | null;
  descriptionHtml: string | null;
  domain: string;
  sector: string | null;
  capabilityCodes: string[];
  district: string | null;
  site: string | null;
  currentSituation?: string | null;
  kpis: ScenarioKpi[];
  dataResources?: ScenarioDataResource[];
  trlRequired: number | null;
  compliance: ScenarioCompliance | null;
  budgetMinYuan?: number | null;
  budgetMaxYuan?: number | null;
  fundingType: string | null;
  proposalDeadline: string | null;
  expectedDeliveryMonths: number | null;
  contact?: { name: string; phone: string; email: string; public: boolean } | null;
  privateFields: string[];
  titleEn: string | null;
  summaryEn: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  cancellationReason: string | null;
  awardNotice: AwardNotice | null;
  followerCount?: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface VettingQueueItem {
  id: string;
  code: string | null;
  title: string;
  domain: string;
  agencyOrganisationId: string;
  submittedAt: string;
  waitingHours: number;
}

export interface DuplicateCandidate {
  id: string;
  code: string | null;
  title: string;
  status: string;
  similarity: number;
}

export interface VettingChecklist {
  completeness: { ok: boolean; missing: string[]; weak: string[] };
  budget: { ok: boolean; issues: string[] };
  compliance: { ok: boolean; issues: string[] };
  duplicates: DuplicateCandidate[];
}

export interface VettingDetail {
  scenario: ScenarioView;
  checklist: VettingChecklist;
}

export type BatchStatus = 'draft' | 'scheduled' | 'published';

export interface BatchView {
  id: string;
  year: number;
  number: number;
  title: string;
  status: BatchStatus;
  publishAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  publicationError: { code: string; params?: Record<string, unknown>; publishAt?: string; at?: string } | null;
}

export interface BatchScenario {
  id: string;
  code: string | null;
  title: string;
  status: ScenarioStatus;
  proposalDeadline: string | null;
}

export interface BatchDetail extends BatchView {
  scenarios: BatchScenario[];
}

/** A row of the centre's list of scenarios (GET scenarios). */
export interface StaffScenarioItem {
  id: string;
  code: string | null;
  title: string;
  status: ScenarioStatus;
  domain: string;
  sector: string | null;
  district: string | null;
  agencyOrganisationId: string;
  agencyName: string;
  batchId: string | null;
  deadline: string | null;
  updatedAt: string;
}

// ---- Identity ----

export interface OrganisationView {
  id: string;
  type: 'agency' | 'vendor' | 'enablement_centre';
  nameZh: string;
  nameEn: string | null;
  uscc: string;
  districtCode: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  status: 'pending' | 'verified' | 'rejected';
  statusReason: string | null;
  createdAt: string;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: string;
  organisationId: string | null;
  status: 'active' | 'disabled';
  createdAt: string;
}

// ---- Audit ----

export interface AuditRecord {
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorRole: string | null;
  actorOrganisationId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string;
  clientIp: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditVerifyReport {
  ok: boolean;
  checked: number;
  firstTampered?: { id: string; reason: 'hash_mismatch' | 'broken_link' };
  head?: { id: string; hash: string };
}

// ---- Evaluation (libs/evaluation) ----

export type EvaluationStatus = 'setup' | 'scoring' | 'closed' | 'decided';

export interface RubricCriterion {
  key: string;
  name: string;
  weight: number;
  scaleMax: number;
  commentRequired: boolean;
}

export interface PanelMember {
  reviewerId: string;
  displayName: string;
  assignedAt: string;
}

export interface EvaluationView {
  id: string;
  scenarioId: string;
  status: EvaluationStatus;
  criteria: RubricCriterion[];
  blindFirstRound: boolean;
  namesRevealedAt: string | null;
  minReviewersPerProposal: number;
  disagreementThreshold: number;
  panel: PanelMember[];
  scoringOpenedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface VendorParty {
  organisationId: string;
  name: string;
  role: 'lead' | 'member';
}

export interface ProposalCoverage {
  proposalId: string;
  vendors: VendorParty[];
  eligible: number;
  conflicted: number;
  undeclared: number;
  scored: number;
  shortfall: number;
  enough: boolean;
}

export interface CoverageView {
  minReviewersPerProposal: number;
  panelSize: number;
  allCovered: boolean;
  proposals: ProposalCoverage[];
}

export interface CriterionScore {
  criterion: string;
  value: number;
  comment: string | null;
}

export interface ReviewerScores {
  reviewerId: string;
  displayName: string;
  total: number;
  scores: CriterionScore[];
  updatedAt: string;
}

export interface ConsensusProposal {
  rank: number;
  proposalId: string;
  status: string;
  vendors: VendorParty[];
  weightedMean: number | null;
  stdDev: number | null;
  disagreement: boolean;
  reviewerCount: number;
  criteria: { key: string; mean: number | null; scaleMax: number }[];
  reviewers: ReviewerScores[];
}

export interface ConsensusView {
  evaluationId: string;
  status: EvaluationStatus;
  disagreementThreshold: number;
  criteria: RubricCriterion[];
  proposals: ConsensusProposal[];
}

export type ObjectionStatus = 'lodged' | 'upheld' | 'dismissed' | 'lapsed';

export interface ObjectionView {
  id: string;
  decisionId: string;
  scenarioId: string;
  proposalId: string;
  organisationId: string;
  grounds: string;
  lodgedAt: string;
  status: ObjectionStatus;
  reasons: string | null;
  decidedAt: string | null;
}

export interface AwardDecisionView {
  id: string;
  scenarioId: string;
  outcome: 'award' | 'no_award';
  winners: { proposalId: string; leadOrganisationId: string; amountYuan: number }[];
  justification: string;
  publicSummary: string;
  decidedBy: string;
  decidedAt: string;
  standstillEndsAt: string;
  supersededAt: string | null;
  objections: ObjectionView[];
}

export interface AwardRecordView {
  current: AwardDecisionView | null;
  superseded: AwardDecisionView[];
}

// ---- Matching (libs/matching) ----

export interface MatchComponent {
  key: string;
  points: number;
  max: number;
  detail: Record<string, unknown>;
}

export interface MatchedVendor {
  organisationId: string;
  name: string;
  score: number;
  components: MatchComponent[];
  matchedTerms: string[];
  invited: boolean;
}

export interface ScenarioMatchesView {
  scenarioId: string;
  scoringVersion: string | null;
  computedAt: string | null;
  items: MatchedVendor[];
}

export interface InvitationView {
  id: string;
  scenarioId: string;
  vendorOrganisationId: string;
  vendorName: string;
  invitedBy: string;
  message: string | null;
  at: string;
}

// ---- Delivery (libs/delivery) ----

export interface MilestoneView {
  id: string;
  deliveryId: string;
  seq: number;
  title: string;
  dueDate: string;
  deliverables: string;
  paymentPercent: number | null;
  status: 'pending' | 'reported' | 'completed';
  overdue: boolean;
  reportedAt: string | null;
  completedAt: string | null;
  returnReason: string | null;
  changes: { id: string; status: 'proposed' | 'agreed' | 'refused'; reason: string }[];
}

export interface ProgressReportView {
  id: string;
  milestoneId: string | null;
  text: string;
  percentComplete: number;
  organisationId: string;
  createdAt: string;
  attachments: { id: string; fileName: string }[];
}

export interface DeliveryView {
  id: string;
  proposalId: string;
  leadOrganisationId: string;
  members: { organisationId: string; nameZh: string; role: 'lead' | 'member' }[];
  amountYuan: number | null;
  startedAt: string;
  milestones: MilestoneView[];
  reports: ProgressReportView[];
}

export interface TrialResultView {
  id: string;
  deliveryId: string | null;
  metric: string;
  baseline: string;
  target: string;
  unit: string;
  measuredValue: string;
  met: boolean;
  method: string;
  notes: string | null;
  measuredAt: string;
  recordedByParty: 'agency' | 'centre';
  recordedAt: string;
}

export type AcceptanceVerdict = 'met' | 'partially_met' | 'not_met';

export interface AcceptanceRoundView {
  roundNo: number;
  status: 'open' | 'accepted' | 'not_met';
  outcome: 'awaiting_verdicts' | 'acceptable' | 'not_met';
  openedAt: string;
  closedAt: string | null;
  verdicts: { party: 'agency' | 'centre'; verdict: AcceptanceVerdict; comments: string | null; recordedAt: string }[];
}

export interface DeliveryOverview {
  scenarioId: string;
  scenarioStatus: ScenarioStatus;
  deliveries: DeliveryView[];
  trialResults: TrialResultView[];
  acceptanceRounds: AcceptanceRoundView[];
  demonstration: {
    citation: string;
    designatedAt: string;
    replicationCount: number;
    replications?: { scenarioId: string; agencyOrganisationId: string; createdAt: string }[];
  } | null;
}

// ---- Notifications and webhooks ----

export interface EmailDeliveryView {
  id: string;
  eventKey: string;
  recipientUserId: string;
  recipientEmail: string;
  type: string;
  channel: 'email';
  status: 'pending' | 'sent' | 'failed' | 'digest_pending' | 'skipped';
  attempts: number;
  retries: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  organisationId: string;
  url: string;
  eventKey: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed' | 'dead';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

// ---- Imports ----

export interface ImportResult {
  dryRun: boolean;
  format: 'csv' | 'xlsx' | 'json';
  rows: number;
  created: number;
  updated: number;
  published: number;
  batchId: string | null;
  publication: { status: 'published' | 'failed'; step?: string; code?: string } | null;
  items: { row: number; key?: string | null; id: string | null; action: string }[];
}

export interface ImportRowError {
  row: number | null;
  field: string;
  code: string;
  message: string;
}

// ---- Funnel (GET admin/funnel, being built alongside) ----

export type FunnelStage = 'published' | 'with_proposals' | 'awarded' | 'accepted' | 'demonstration';

export interface FunnelBreakdownRow {
  published: number;
  withProposals: number;
  awarded: number;
  accepted: number;
  demonstration: number;
  medianDaysToAward: number | null;
}

export interface FunnelView {
  generatedAt: string;
  stages: { stage: FunnelStage; count: number }[];
  timeToAward: { count: number; medianDays: number | null; p90Days: number | null };
  byDomain: (FunnelBreakdownRow & { domain: string })[];
  byDistrict: (FunnelBreakdownRow & { district: string })[];
}
