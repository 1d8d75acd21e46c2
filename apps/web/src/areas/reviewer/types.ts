/** Mirrors of the API's reviewer views (libs/evaluation/src/evaluation.views.ts, "Reviewers"). */

export type EvaluationStatus = 'setup' | 'scoring' | 'closed' | 'decided';

export interface RubricCriterion {
  key: string;
  name: string;
  /** Whole weights summing to 100 over the rubric. */
  weight: number;
  /** Scores are whole numbers 0..scaleMax. */
  scaleMax: number;
  commentRequired: boolean;
}

/** GET evaluations/mine, one per panel seat. */
export interface MyPanel {
  evaluationId: string;
  scenarioId: string;
  scenarioCode: string | null;
  scenarioTitle: string;
  status: EvaluationStatus;
  masked: boolean;
  criteria: RubricCriterion[];
  /** Vendors to declare about; null while the proposals are sealed. */
  vendorsToDeclare: number | null;
  undeclaredVendors: number | null;
  scoredProposals: number;
}

export interface VendorDeclaration {
  organisationId: string;
  name: string;
  declared: boolean;
  conflicted: boolean | null;
  note: string | null;
}

/** GET/PUT evaluations/:id/conflicts. */
export interface Conflicts {
  evaluationId: string;
  complete: boolean;
  vendors: VendorDeclaration[];
}

export interface ConflictDeclaration {
  organisationId: string;
  conflicted: boolean;
  note?: string | null;
}

export interface CriterionScore {
  criterion: string;
  value: number;
  comment: string | null;
}

export interface VendorParty {
  organisationId: string;
  name: string;
  role: 'lead' | 'member';
}

export interface ReviewerAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

/** The opened (and, in a blind round, masked) proposal content (libs/proposals/src/proposal-content.ts). */
export interface ProposalContent {
  technicalApproach?: string;
  kpiResponses?: { metric: string; approach: string; committedValue: string }[];
  team?: { name: string; role: string; qualifications: string }[];
  priceYuan?: number | null;
  priceBreakdown?: { item: string; amountYuan: number }[];
  milestones?: { title: string; dueDate: string; deliverables: string; paymentPercent?: number }[];
  references?: { client: string; project: string; year: number }[];
  trialPlan?: string | null;
}

export interface ReviewerProposal {
  proposalId: string;
  /** `Vendor A`… while masked, the lead vendor's name otherwise. */
  label: string;
  masked: boolean;
  vendors: VendorParty[] | null;
  submittedAt: string | null;
  content: ProposalContent;
  attachments: ReviewerAttachment[];
  myScores: CriterionScore[];
  myTotal: number | null;
  scoredAt: string | null;
}

/** GET evaluations/:id/proposals. */
export interface ReviewerProposals {
  evaluationId: string;
  status: EvaluationStatus;
  masked: boolean;
  criteria: RubricCriterion[];
  /** Left out because of a declared conflict. */
  excluded: number;
  proposals: ReviewerProposal[];
}

/** PUT evaluations/:id/proposals/:proposalId/scores answer. */
export interface MyScores {
  proposalId: string;
  scores: CriterionScore[];
  total: number;
  revision: number;
  updatedAt: string;
}
