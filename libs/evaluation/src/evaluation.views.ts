import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AwardDecisionEntity, AwardOutcome, EvaluationEntity, ObjectionEntity } from './evaluation.entity';
import type { EvaluationStatus, ObjectionStatus } from './evaluation-status';
import type { RubricCriterion } from './rubric';

/** Scores and means are shown to two decimals (the sums behind them are exact enough). */
export const round2 = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

export class RubricCriterionView {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() weight: number;
  @ApiProperty() scaleMax: number;
  @ApiProperty() commentRequired: boolean;
}

export class PanelMemberView {
  @ApiProperty() reviewerId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() assignedAt: string;
}

/** The evaluation of a scenario, for centre staff. */
export class EvaluationView {
  @ApiProperty() id: string;
  @ApiProperty() scenarioId: string;
  @ApiProperty({ enum: ['setup', 'scoring', 'closed', 'decided'] }) status: EvaluationStatus;
  @ApiProperty({ type: [RubricCriterionView] }) criteria: RubricCriterion[];
  @ApiProperty() blindFirstRound: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'When the blind round ended' }) namesRevealedAt: string | null;
  @ApiProperty() minReviewersPerProposal: number;
  @ApiProperty() disagreementThreshold: number;
  @ApiProperty({ type: [PanelMemberView] }) panel: PanelMemberView[];
  @ApiPropertyOptional({ nullable: true }) scoringOpenedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) closedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(e: EvaluationEntity, panel: PanelMemberView[]): EvaluationView {
    return {
      id: e.id,
      scenarioId: e.scenarioId,
      status: e.status,
      criteria: e.rubric,
      blindFirstRound: e.blindFirstRound,
      namesRevealedAt: e.namesRevealedAt?.toISOString() ?? null,
      minReviewersPerProposal: e.minReviewersPerProposal,
      disagreementThreshold: e.disagreementThreshold,
      panel,
      scoringOpenedAt: e.scoringOpenedAt?.toISOString() ?? null,
      closedAt: e.closedAt?.toISOString() ?? null,
      version: e.version,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    };
  }
}

export class VendorPartyView {
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['lead', 'member'] }) role: 'lead' | 'member';
}

export class ProposalCoverageView {
  @ApiProperty() proposalId: string;
  @ApiProperty({ type: [VendorPartyView] }) vendors: VendorPartyView[];
  @ApiProperty({ description: 'Panel members who declared no conflict with any party of the proposal' })
  eligible: number;
  @ApiProperty() conflicted: number;
  @ApiProperty({ description: 'Panel members who have not declared for every party yet' }) undeclared: number;
  @ApiProperty({ description: 'Eligible panel members who have scored it' }) scored: number;
  @ApiProperty({ description: 'How many more eligible reviewers it needs to reach the minimum' }) shortfall: number;
  @ApiProperty() enough: boolean;
}

export class CoverageView {
  @ApiProperty() minReviewersPerProposal: number;
  @ApiProperty() panelSize: number;
  @ApiProperty({ description: 'Every proposal has at least the minimum of eligible reviewers' }) allCovered: boolean;
  @ApiProperty({ type: [ProposalCoverageView] }) proposals: ProposalCoverageView[];
}

export class CriterionScoreView {
  @ApiProperty() criterion: string;
  @ApiProperty() value: number;
  @ApiPropertyOptional({ nullable: true }) comment: string | null;
}

export class ReviewerScoresView {
  @ApiProperty() reviewerId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: 'Weighted total, 0–100' }) total: number;
  @ApiProperty({ type: [CriterionScoreView] }) scores: CriterionScoreView[];
  @ApiProperty() updatedAt: string;
}

export class CriterionMeanView {
  @ApiProperty() key: string;
  @ApiPropertyOptional({ nullable: true, description: 'On the criterion’s own scale' }) mean: number | null;
  @ApiProperty() scaleMax: number;
}

export class ConsensusProposalView {
  @ApiProperty({ description: '1 = best; ties go to the lower spread, then the proposal id' }) rank: number;
  @ApiProperty() proposalId: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: [VendorPartyView] }) vendors: VendorPartyView[];
  @ApiPropertyOptional({ nullable: true, description: 'Mean of the reviewers’ weighted totals, 0–100' })
  weightedMean: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Population standard deviation of the totals' })
  stdDev: number | null;
  @ApiProperty() disagreement: boolean;
  @ApiProperty() reviewerCount: number;
  @ApiProperty({ type: [CriterionMeanView] }) criteria: CriterionMeanView[];
  @ApiProperty({ type: [ReviewerScoresView] }) reviewers: ReviewerScoresView[];
}

export class ConsensusView {
  @ApiProperty() evaluationId: string;
  @ApiProperty({ enum: ['setup', 'scoring', 'closed', 'decided'] }) status: EvaluationStatus;
  @ApiProperty() disagreementThreshold: number;
  @ApiProperty({ type: [RubricCriterionView] }) criteria: RubricCriterion[];
  @ApiProperty({ type: [ConsensusProposalView], description: 'Best first' }) proposals: ConsensusProposalView[];
}

export class ObjectionView {
  @ApiProperty() id: string;
  @ApiProperty() decisionId: string;
  @ApiProperty() scenarioId: string;
  @ApiProperty() proposalId: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() grounds: string;
  @ApiProperty() lodgedAt: string;
  @ApiProperty({ enum: ['lodged', 'upheld', 'dismissed', 'lapsed'] }) status: ObjectionStatus;
  @ApiPropertyOptional({ nullable: true }) reasons: string | null;
  @ApiPropertyOptional({ nullable: true }) decidedAt: string | null;

  static of(o: ObjectionEntity): ObjectionView {
    return {
      id: o.id,
      decisionId: o.decisionId,
      scenarioId: o.scenarioId,
      proposalId: o.proposalId,
      organisationId: o.organisationId,
      grounds: o.grounds,
      lodgedAt: o.lodgedAt.toISOString(),
      status: o.status,
      reasons: o.reasons,
      decidedAt: o.decidedAt?.toISOString() ?? null,
    };
  }
}

export class AwardWinnerView {
  @ApiProperty() proposalId: string;
  @ApiProperty() leadOrganisationId: string;
  @ApiProperty() amountYuan: number;
}

export class AwardDecisionView {
  @ApiProperty() id: string;
  @ApiProperty() scenarioId: string;
  @ApiProperty({ enum: ['award', 'no_award'] }) outcome: AwardOutcome;
  @ApiProperty({ type: [AwardWinnerView] }) winners: AwardWinnerView[];
  @ApiProperty() justification: string;
  @ApiProperty({ description: 'The summary of reasons in the public award notice' }) publicSummary: string;
  @ApiProperty() decidedBy: string;
  @ApiProperty() decidedAt: string;
  @ApiProperty() standstillEndsAt: string;
  @ApiPropertyOptional({ nullable: true, description: 'Set aside by an upheld objection' }) supersededAt: string | null;
  @ApiProperty({ type: [ObjectionView] }) objections: ObjectionView[];

  static of(d: AwardDecisionEntity, objections: ObjectionEntity[]): AwardDecisionView {
    return {
      id: d.id,
      scenarioId: d.scenarioId,
      outcome: d.outcome,
      winners: d.winners,
      justification: d.justification,
      publicSummary: d.noticeSummary,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt.toISOString(),
      standstillEndsAt: d.standstillEndsAt.toISOString(),
      supersededAt: d.supersededAt?.toISOString() ?? null,
      objections: objections.filter((o) => o.decisionId === d.id).map((o) => ObjectionView.of(o)),
    };
  }
}

export class AwardRecordView {
  @ApiPropertyOptional({ type: AwardDecisionView, nullable: true }) current: AwardDecisionView | null;
  @ApiProperty({ type: [AwardDecisionView], description: 'Decisions set aside by upheld objections, newest first' })
  superseded: AwardDecisionView[];
}

/** The contract for delivery (`EvaluationService.currentAward`). */
export interface CurrentAward {
  decisionId: string;
  outcome: AwardOutcome;
  winners: { proposalId: string; leadOrganisationId: string; amountYuan: number }[];
  justification: string;
  decidedAt: Date;
  standstillEndsAt: Date;
  /** Objections lodged against this decision and not decided yet. */
  openObjections: number;
}

// ---- Reviewers ----

export class MyPanelView {
  @ApiProperty() evaluationId: string;
  @ApiProperty() scenarioId: string;
  @ApiPropertyOptional({ nullable: true }) scenarioCode: string | null;
  @ApiProperty() scenarioTitle: string;
  @ApiProperty({ enum: ['setup', 'scoring', 'closed', 'decided'] }) status: EvaluationStatus;
  @ApiProperty({ description: 'Vendor names are masked (blind first round)' }) masked: boolean;
  @ApiProperty({ type: [RubricCriterionView] }) criteria: RubricCriterion[];
  @ApiPropertyOptional({ nullable: true, description: 'Vendors to declare for; null while proposals are sealed' })
  vendorsToDeclare: number | null;
  @ApiPropertyOptional({ nullable: true }) undeclaredVendors: number | null;
  @ApiProperty({ description: 'Proposals this reviewer has scored' }) scoredProposals: number;
}

export class VendorDeclarationView {
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty() declared: boolean;
  @ApiPropertyOptional({ nullable: true }) conflicted: boolean | null;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
}

/**
 * What a reviewer declares about: every vendor organisation taking part, by name (a conflict cannot be
 * declared about an anonymous party), in name order — never linked to the proposals' blind labels.
 */
export class ConflictsView {
  @ApiProperty() evaluationId: string;
  @ApiProperty({ description: 'Declared for every vendor: the proposals may be opened' }) complete: boolean;
  @ApiProperty({ type: [VendorDeclarationView] }) vendors: VendorDeclarationView[];
}

export class ReviewerAttachmentView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'attachment-<n>.<ext> while vendor names are masked' }) fileName: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() sizeBytes: number;
}

export class ReviewerProposalView {
  @ApiProperty() proposalId: string;
  @ApiProperty({ description: '`Vendor A`, … while masked; the lead vendor’s name otherwise' }) label: string;
  @ApiProperty() masked: boolean;
  @ApiPropertyOptional({ type: [VendorPartyView], nullable: true, description: 'null while masked' })
  vendors: VendorPartyView[] | null;
  @ApiPropertyOptional({ nullable: true, description: 'null while masked' }) submittedAt: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The proposal content (masked)' })
  content: unknown;
  @ApiProperty({ type: [ReviewerAttachmentView] }) attachments: ReviewerAttachmentView[];
  @ApiProperty({ type: [CriterionScoreView], description: 'This reviewer’s own scores (empty until scored)' })
  myScores: CriterionScoreView[];
  @ApiPropertyOptional({ nullable: true }) myTotal: number | null;
  @ApiPropertyOptional({ nullable: true }) scoredAt: string | null;
}

export class ReviewerProposalsView {
  @ApiProperty() evaluationId: string;
  @ApiProperty({ enum: ['setup', 'scoring', 'closed', 'decided'] }) status: EvaluationStatus;
  @ApiProperty() masked: boolean;
  @ApiProperty({ type: [RubricCriterionView] }) criteria: RubricCriterion[];
  @ApiProperty({ description: 'Proposals left out because of a declared conflict of interest' }) excluded: number;
  @ApiProperty({ type: [ReviewerProposalView] }) proposals: ReviewerProposalView[];
}

export class MyScoresView {
  @ApiProperty() proposalId: string;
  @ApiProperty({ type: [CriterionScoreView] }) scores: CriterionScoreView[];
  @ApiProperty({ description: 'Weighted total, 0–100' }) total: number;
  @ApiProperty({ description: '1 for the first submission, +1 per revision' }) revision: number;
  @ApiProperty() updatedAt: string;
}

// ---- Vendors ----

export class ResultCriterionView {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() weight: number;
  @ApiProperty() scaleMax: number;
  @ApiPropertyOptional({ nullable: true }) mean: number | null;
}

export class AnonymousReviewerView {
  @ApiProperty({ example: 'Reviewer 1' }) reviewer: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [CriterionScoreView] }) scores: CriterionScoreView[];
}

/** What a vendor sees of its own proposal's evaluation once decided: its scores, never anyone else's. */
export class EvaluationResultView {
  @ApiProperty() proposalId: string;
  @ApiProperty() scenarioId: string;
  @ApiProperty({ description: 'The proposal’s status: awarded or unsuccessful' }) status: string;
  @ApiProperty({ enum: ['award', 'no_award'] }) outcome: AwardOutcome;
  @ApiProperty() decidedAt: string;
  @ApiProperty() standstillEndsAt: string;
  @ApiProperty({ description: 'This proposal may still lodge an objection' }) objectionAllowed: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'Mean of the reviewers’ weighted totals, 0–100' })
  weightedMean: number | null;
  @ApiProperty({ type: [ResultCriterionView] }) criteria: ResultCriterionView[];
  @ApiProperty({ type: [AnonymousReviewerView] }) reviewers: AnonymousReviewerView[];
  @ApiProperty({ type: [ObjectionView] }) objections: ObjectionView[];
}
