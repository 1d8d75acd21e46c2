/**
 * Mirrors of the API's views and DTOs the vendor workspace reads and sends (libs/vendors, libs/matching,
 * libs/scenarios, libs/notifications, libs/proposals, libs/evaluation, libs/delivery). Only what the pages use.
 */

// ---- Capability profile (libs/vendors/src/vendor-profile.{dto,views}.ts) ----

export interface VendorProduct {
  name: string;
  description: string;
  url: string | null;
}

export interface VendorPastCase {
  title: string;
  client: string;
  year: number;
  outcome: string;
  scenarioId: string | null;
  /** View only: the platform confirmed the delivery. */
  verified?: boolean;
}

export interface VendorCertification {
  name: string;
  issuer: string;
  validUntil: string | null;
}

export interface VendorProfileView {
  organisationId: string;
  nameZh: string;
  nameEn: string | null;
  districtCode: string;
  organisationStatus: 'pending' | 'verified' | 'rejected';
  listed: boolean;
  domains: string[];
  capabilityCodes: string[];
  industryFields: string[];
  districts: string[];
  description: string;
  descriptionHtml: string;
  products: VendorProduct[];
  pastCases: VendorPastCase[];
  certifications: VendorCertification[];
  teamSize: number | null;
  trl: number | null;
  typicalBudgetMinYuan: number | null;
  typicalBudgetMaxYuan: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** `PUT vendors/me/profile`: the whole profile; `version` as read, none to create. */
export interface PutVendorProfileDto {
  domains: string[];
  capabilityCodes: string[];
  industryFields: string[];
  districts: string[];
  description: string;
  products: { name: string; description: string; url: string | null }[];
  pastCases: { title: string; client: string; year: number | null; outcome: string; scenarioId: string | null }[];
  certifications: { name: string; issuer: string; validUntil: string | null }[];
  teamSize: number | null;
  trl: number | null;
  typicalBudgetMinYuan: number | null;
  typicalBudgetMaxYuan: number | null;
  version?: number;
}

/** A card of the public capability list (`GET public/vendors`). */
export interface PublicVendorItem {
  organisationId: string;
  nameZh: string;
  nameEn: string | null;
  domains: string[];
  capabilityCodes: string[];
  summary: string;
}

export interface PublicVendorPage {
  items: PublicVendorItem[];
  nextCursor: string | null;
}

// ---- Matching (libs/matching/src/matching.views.ts) ----

export interface MatchComponent {
  key: string;
  points: number;
  max: number;
  detail: Record<string, unknown>;
}

export type MatchFeedbackKind = 'interested' | 'not_relevant';

export interface RecommendationView {
  scenario: {
    id: string;
    code: string | null;
    title: string;
    domain: string;
    sector: string | null;
    district: string | null;
    deadline: string | null;
  };
  score: number;
  engineScore: number;
  components: MatchComponent[];
  matchedTerms: string[];
  feedback: MatchFeedbackKind | null;
}

export interface RecommendationsView {
  organisationId: string;
  items: RecommendationView[];
}

// ---- Scenarios (libs/scenarios) ----

export interface ScenarioKpi {
  metric: string;
  baseline: string;
  target: string;
  unit: string;
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
  status: string;
  title: string;
  titleEn: string | null;
  summary: string | null;
  summaryEn: string | null;
  description?: string | null;
  descriptionHtml?: string | null;
  domain: string;
  sector: string | null;
  capabilityCodes: string[];
  district: string | null;
  site: 'agency_site' | 'test_ground' | null;
  kpis: ScenarioKpi[];
  trlRequired: number | null;
  budgetMinYuan?: number | null;
  budgetMaxYuan?: number | null;
  fundingType: string | null;
  proposalDeadline: string | null;
  expectedDeliveryMonths: number | null;
  publishedAt: string | null;
  awardNotice: AwardNotice | null;
  version: number;
}

export interface PublicScenarioDetail extends ScenarioView {
  attachments: { id: string; fileName: string; sizeBytes: number }[];
  questions: { question: string; answer: string }[];
}

export type PublicScenarioItem = Omit<ScenarioView, 'awardNotice' | 'version' | 'kpis'>;

export interface PublicScenarioPage {
  items: PublicScenarioItem[];
  nextCursor: string | null;
}

export interface FollowedScenarioView extends ScenarioView {
  followedAt: string;
}

export interface FollowedScenarioPage {
  items: FollowedScenarioView[];
  nextCursor: string | null;
}

// ---- Saved searches (libs/notifications/src/saved-searches) ----

export interface SavedSearchFilters {
  q?: string;
  domain?: string[];
  sector?: string;
  capability?: string[];
  district?: string[];
  budgetMin?: number;
  budgetMax?: number;
  trl?: number;
  deadlineFrom?: string;
  deadlineTo?: string;
  batch?: string;
}

export interface SavedSearchView {
  id: string;
  name: string;
  filters: SavedSearchFilters;
  listQuery: string;
  createdAt: string;
}

export interface SavedSearchListView {
  items: SavedSearchView[];
  max: number;
}

// ---- Proposals (libs/proposals) ----

export const PROPOSAL_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'reconfirmation_required',
  'opened',
  'not_opened',
  'shortlisted',
  'not_shortlisted',
  'awarded',
  'unsuccessful',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** The lead may change content, consortium and attachments in these statuses (before the deadline). */
export const EDITABLE_PROPOSAL_STATUSES: readonly ProposalStatus[] = ['draft', 'withdrawn'];

export interface KpiResponse {
  metric: string;
  approach: string;
  committedValue: string;
}

export interface TeamMember {
  name: string;
  role: string;
  qualifications: string;
}

export interface PriceItem {
  item: string;
  amountYuan: number;
}

export interface Milestone {
  title: string;
  dueDate: string;
  deliverables: string;
  paymentPercent?: number;
}

export interface ProposalReference {
  client: string;
  project: string;
  year: number;
}

export interface ProposalContent {
  technicalApproach: string;
  kpiResponses: KpiResponse[];
  team: TeamMember[];
  priceYuan: number | null;
  priceBreakdown: PriceItem[];
  milestones: Milestone[];
  references: ProposalReference[];
  trialPlan: string | null;
}

export interface ProposalMember {
  organisationId: string;
  nameZh: string;
  role: 'lead' | 'member';
  status: 'invited' | 'confirmed' | 'declined';
  invitedAt: string;
  confirmedAt: string | null;
}

export interface ProposalAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export interface ProposalView {
  id: string;
  scenarioId: string;
  leadOrganisationId: string;
  status: ProposalStatus;
  version: number;
  submittedAt: string | null;
  receiptSha256: string | null;
  members: ProposalMember[];
  content: ProposalContent;
  attachments: ProposalAttachment[];
  createdAt: string;
  updatedAt: string;
}

export interface ProposalSummaryView {
  id: string;
  scenarioId: string;
  scenarioCode: string | null;
  scenarioTitle: string;
  proposalDeadline: string | null;
  leadOrganisationId: string;
  role: 'lead' | 'member';
  memberStatus: 'invited' | 'confirmed';
  status: ProposalStatus;
  submittedAt: string | null;
  version: number;
  updatedAt: string;
}

/** `PATCH proposals/:id`: content fields (null clears one) and the version read. */
export interface UpdateProposalDto {
  technicalApproach: string | null;
  kpiResponses: KpiResponse[];
  team: TeamMember[];
  priceYuan: number | null;
  priceBreakdown: { item: string; amountYuan: number | null }[];
  milestones: { title: string; dueDate: string; deliverables: string; paymentPercent?: number }[];
  references: { client: string; project: string; year: number | null }[];
  trialPlan: string | null;
  version?: number;
}

export interface ReceiptView {
  receiptId: string;
  kind: 'submission' | 'reconfirmation';
  proposalId: string;
  scenarioId: string;
  leadOrganisationId: string;
  members: { organisationId: string; role: 'lead' | 'member' }[];
  issuedAt: string;
  contentSha256: string;
  attachments: { id: string; sha256: string; sizeBytes: number; mediaType: string }[];
  receiptSha256: string;
  algorithm: string;
}

// ---- Evaluation result (libs/evaluation/src/evaluation.views.ts) ----

export interface ObjectionView {
  id: string;
  grounds: string;
  lodgedAt: string;
  status: 'lodged' | 'upheld' | 'dismissed' | 'lapsed';
  reasons: string | null;
  decidedAt: string | null;
}

export interface EvaluationResultView {
  proposalId: string;
  scenarioId: string;
  status: string;
  outcome: 'award' | 'no_award';
  decidedAt: string;
  standstillEndsAt: string;
  objectionAllowed: boolean;
  weightedMean: number | null;
  criteria: { key: string; name: string; weight: number; scaleMax: number; mean: number | null }[];
  reviewers: {
    reviewer: string;
    total: number;
    scores: { criterion: string; value: number; comment: string | null }[];
  }[];
  objections: ObjectionView[];
}

// ---- Delivery (libs/delivery/src/delivery.views.ts) ----

export interface MilestoneChangeFields {
  title?: string;
  dueDate?: string;
  deliverables?: string;
}

export interface MilestoneChangeView {
  id: string;
  milestoneId: string;
  proposedByParty: 'vendor' | 'agency';
  reason: string;
  changes: MilestoneChangeFields;
  before: MilestoneChangeFields;
  status: 'proposed' | 'agreed' | 'refused';
  answerComment: string | null;
  proposedAt: string;
  answeredAt: string | null;
}

export interface DeliveryMilestoneView {
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
  version: number;
  changes: MilestoneChangeView[];
}

export interface ProgressAttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export interface ProgressReportView {
  id: string;
  deliveryId: string;
  milestoneId: string | null;
  text: string;
  percentComplete: number;
  organisationId: string;
  createdAt: string;
  attachments: ProgressAttachmentView[];
}

export interface DeliveryView {
  id: string;
  scenarioId: string;
  proposalId: string;
  leadOrganisationId: string;
  members: { organisationId: string; nameZh: string; role: 'lead' | 'member' }[];
  amountYuan: number | null;
  startedAt: string;
  milestones: DeliveryMilestoneView[];
  reports: ProgressReportView[];
}

export interface DeliveryOverviewView {
  scenarioId: string;
  scenarioStatus: string;
  deliveries: DeliveryView[];
  demonstration: { citation: string; designatedAt: string; replicationCount: number } | null;
}
