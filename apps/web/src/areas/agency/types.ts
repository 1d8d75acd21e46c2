/**
 * Mirrors of the API's views and DTOs the agency workspace uses (libs/scenarios, libs/proposals,
 * libs/delivery). Only what the pages read.
 */

export const SCENARIO_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'published',
  'closed',
  'under_evaluation',
  'awarded',
  'no_award',
  'in_delivery',
  'accepted',
  'demonstration',
  'rejected',
  'withdrawn',
  'cancelled',
] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

export const SCENARIO_SITES = ['agency_site', 'test_ground'] as const;
export type ScenarioSite = (typeof SCENARIO_SITES)[number];
export const FUNDING_TYPES = ['agency_budget', 'subsidy', 'co_investment'] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];
export const DATA_SECURITY_LEVELS = ['general', 'important', 'core'] as const;
export type DataSecurityLevel = (typeof DATA_SECURITY_LEVELS)[number];
export const PRIVATE_FIELD_NAMES = ['budget', 'contact', 'dataResources', 'currentSituation'] as const;
export type PrivateFieldName = (typeof PRIVATE_FIELD_NAMES)[number];

export interface Kpi {
  metric: string;
  baseline: string;
  target: string;
  unit: string;
}

export interface DataResource {
  name: string;
  description: string;
  accessTerms: string;
  sandboxed: boolean;
}

export interface Compliance {
  algorithmFiling: boolean;
  generativeAiFiling: boolean;
  dataSecurityLevel: DataSecurityLevel;
  personalInformation: boolean;
}

export interface Contact {
  name: string;
  phone: string;
  email: string;
  public: boolean;
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
  site: ScenarioSite | null;
  currentSituation?: string | null;
  kpis: Kpi[];
  dataResources?: DataResource[];
  trlRequired: number | null;
  compliance: Compliance | null;
  budgetMinYuan?: number | null;
  budgetMaxYuan?: number | null;
  fundingType: FundingType | null;
  proposalDeadline: string | null;
  expectedDeliveryMonths: number | null;
  contact?: Contact | null;
  privateFields: PrivateFieldName[];
  titleEn: string | null;
  summaryEn: string | null;
  copiedFromId: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  cancellationReason: string | null;
  awardNotice: AwardNotice | null;
  followerCount?: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  /**
   * The comments of the latest vetting decision, per scenario field, while the status is `returned` (or
   * `rejected`); null otherwise. Only GET scenarios/:id gives it (owning agency and centre); other
   * responses leave it out (see `keepVettingOutcome`).
   */
  vettingComments?: Record<string, string> | null;
  /** The rejection reason while the status is `rejected`; null otherwise. Only on GET scenarios/:id. */
  vettingReason?: string | null;
}

export interface ScenarioPage {
  items: ScenarioView[];
  nextCursor: string | null;
}

/** The body of POST scenarios / PATCH scenarios/:id (the update also carries `version`). */
export interface ScenarioDto {
  title?: string;
  domain?: string;
  summary?: string | null;
  description?: string | null;
  sector?: string | null;
  capabilityCodes?: string[] | null;
  district?: string | null;
  site?: ScenarioSite | null;
  currentSituation?: string | null;
  kpis?: Kpi[] | null;
  dataResources?: DataResource[] | null;
  trlRequired?: number | null;
  compliance?: Compliance | null;
  budgetMinYuan?: number | null;
  budgetMaxYuan?: number | null;
  fundingType?: FundingType | null;
  proposalDeadline?: string | null;
  expectedDeliveryMonths?: number | null;
  contact?: Contact | null;
  privateFields?: PrivateFieldName[] | null;
  titleEn?: string | null;
  summaryEn?: string | null;
}
export type ScenarioDtoField = keyof ScenarioDto;

export interface AttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export interface QuestionView {
  id: string;
  question: string;
  answer: string | null;
  askedAt: string;
  answeredAt: string | null;
  mine: boolean;
}

export interface AmendmentSummaryView {
  no: number;
  reason: string;
  changedFields: string[];
  material: boolean;
  deadlineExtended: boolean;
  amendedAt: string;
}

export interface AmendmentDetailView extends AmendmentSummaryView {
  fromVersion: number;
  toVersion: number;
  amendedBy: string;
  deadlineBefore: string | null;
  deadlineAfter: string | null;
}

export interface AmendmentResultView {
  amendment: AmendmentDetailView;
  scenario: ScenarioView;
}

export type ProposalStatus =
  | 'draft'
  | 'submitted'
  | 'withdrawn'
  | 'reconfirmation_required'
  | 'opened'
  | 'not_opened'
  | 'shortlisted'
  | 'not_shortlisted'
  | 'awarded'
  | 'unsuccessful';

export interface ProposalMemberView {
  organisationId: string;
  nameZh: string;
  role: 'lead' | 'member';
  status: 'invited' | 'confirmed' | 'declined';
}

export interface ProposalContent {
  technicalApproach: string;
  kpiResponses: { metric: string; approach: string; committedValue: string }[];
  team: { name: string; role: string; qualifications: string }[];
  priceYuan: number | null;
  priceBreakdown: { item: string; amountYuan: number }[];
  milestones: { title: string; dueDate: string; deliverables: string; paymentPercent?: number }[];
  references: { client: string; project: string; year: number }[];
  trialPlan: string | null;
}

export interface ProposalView {
  id: string;
  scenarioId: string;
  leadOrganisationId: string;
  status: ProposalStatus;
  version: number;
  submittedAt: string | null;
  receiptSha256: string | null;
  members: ProposalMemberView[];
  content: ProposalContent;
  attachments: { id: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string }[];
}

export interface ScenarioProposalsView {
  sealed: boolean;
  submittedCount: number;
  notOpenedCount?: number;
  proposals?: ProposalView[];
}

export type MilestoneStatus = 'pending' | 'reported' | 'completed';

export interface MilestoneChanges {
  title?: string;
  dueDate?: string;
  deliverables?: string;
}

export interface MilestoneChangeView {
  id: string;
  milestoneId: string;
  proposedByParty: 'vendor' | 'agency';
  reason: string;
  changes: MilestoneChanges;
  before: MilestoneChanges;
  status: 'proposed' | 'agreed' | 'refused';
  answerComment: string | null;
  proposedAt: string;
  answeredAt: string | null;
}

export interface MilestoneView {
  id: string;
  deliveryId: string;
  seq: number;
  title: string;
  dueDate: string;
  deliverables: string;
  paymentPercent: number | null;
  status: MilestoneStatus;
  overdue: boolean;
  reportedAt: string | null;
  completedAt: string | null;
  returnReason: string | null;
  version: number;
  changes: MilestoneChangeView[];
}

export interface ProgressReportView {
  id: string;
  deliveryId: string;
  milestoneId: string | null;
  text: string;
  percentComplete: number;
  organisationId: string;
  createdAt: string;
  attachments: { id: string; fileName: string; mediaType: string; sizeBytes: number }[];
}

export interface DeliveryView {
  id: string;
  scenarioId: string;
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
export const ACCEPTANCE_VERDICTS: AcceptanceVerdict[] = ['met', 'partially_met', 'not_met'];

export interface AcceptanceRoundView {
  roundNo: number;
  status: 'open' | 'accepted' | 'not_met';
  outcome: 'awaiting_verdicts' | 'acceptable' | 'not_met';
  openedAt: string;
  closedAt: string | null;
  verdicts: { party: 'agency' | 'centre'; verdict: AcceptanceVerdict; comments: string | null; recordedAt: string }[];
}

export interface DeliveryOverviewView {
  scenarioId: string;
  scenarioStatus: string;
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
