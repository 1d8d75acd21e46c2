import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EvaluationStatus, ObjectionStatus } from './evaluation-status';
import type { RubricCriterion } from './rubric';

/** One per scenario: the rubric, the panel's settings and where the evaluation stands. */
@Entity('evaluation')
export class EvaluationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('text')
  status: EvaluationStatus;

  @Column('jsonb')
  rubric: RubricCriterion[];

  /** Reviewers see proposals without vendor names until the names are revealed. */
  @Column('boolean', { name: 'blind_first_round' })
  blindFirstRound: boolean;

  /** When the blind first round ended (staff revealed the names, or the panel closed). */
  @Column('timestamptz', { name: 'names_revealed_at', nullable: true })
  namesRevealedAt: Date | null;

  @Column('int', { name: 'min_reviewers_per_proposal' })
  minReviewersPerProposal: number;

  /** Standard deviation of the reviewers' totals (0–100 scale) above which they are said to disagree. */
  @Column('double precision', { name: 'disagreement_threshold' })
  disagreementThreshold: number;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'scoring_opened_at', nullable: true })
  scoringOpenedAt: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('int')
  version: number;

  /** Reviewers see vendors as `Vendor A`, … (blind round not over yet). */
  get masked(): boolean {
    return this.blindFirstRound && this.namesRevealedAt === null;
  }
}

@Entity('panel_member')
export class PanelMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'evaluation_id' })
  evaluationId: string;

  @Column('uuid', { name: 'reviewer_id' })
  reviewerId: string;

  @Column('uuid', { name: 'assigned_by' })
  assignedBy: string;

  @CreateDateColumn({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  @Column('uuid', { name: 'removed_by', nullable: true })
  removedBy: string | null;

  @Column('timestamptz', { name: 'removed_at', nullable: true })
  removedAt: Date | null;
}

/** A reviewer's declaration about one vendor organisation: a conflict excludes the reviewer from its proposal. */
@Entity('coi_declaration')
export class CoiDeclarationEntity {
  @PrimaryColumn('uuid', { name: 'evaluation_id' })
  evaluationId: string;

  @PrimaryColumn('uuid', { name: 'reviewer_id' })
  reviewerId: string;

  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('boolean')
  conflicted: boolean;

  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'declared_at', type: 'timestamptz' })
  declaredAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One reviewer's score of one proposal on one criterion; revised in place (revision counts) until closing. */
@Entity('score')
export class ScoreEntity {
  @PrimaryColumn('uuid', { name: 'evaluation_id' })
  evaluationId: string;

  @PrimaryColumn('uuid', { name: 'reviewer_id' })
  reviewerId: string;

  @PrimaryColumn('uuid', { name: 'proposal_id' })
  proposalId: string;

  @PrimaryColumn('text', { name: 'criterion_key' })
  criterionKey: string;

  @Column('int')
  value: number;

  @Column('text', { nullable: true })
  comment: string | null;

  @Column('int')
  revision: number;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

export const AWARD_OUTCOMES = ['award', 'no_award'] as const;
export type AwardOutcome = (typeof AWARD_OUTCOMES)[number];

export interface AwardWinner {
  proposalId: string;
  leadOrganisationId: string;
  amountYuan: number;
}

@Entity('award_decision')
export class AwardDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'evaluation_id' })
  evaluationId: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('text')
  outcome: AwardOutcome;

  @Column('jsonb')
  winners: AwardWinner[];

  @Column('text')
  justification: string;

  /** The summary of reasons published in the award notice. */
  @Column('text', { name: 'notice_summary' })
  noticeSummary: string;

  @Column('uuid', { name: 'decided_by' })
  decidedBy: string;

  @Column('timestamptz', { name: 'decided_at' })
  decidedAt: Date;

  @Column('timestamptz', { name: 'standstill_ends_at' })
  standstillEndsAt: Date;

  @Column('timestamptz', { name: 'superseded_at', nullable: true })
  supersededAt: Date | null;

  @Column('uuid', { name: 'superseded_by_objection_id', nullable: true })
  supersededByObjectionId: string | null;
}

@Entity('objection')
export class ObjectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('uuid', { name: 'proposal_id' })
  proposalId: string;

  /** The vendor organisation that lodged it (a lead or member of the proposal). */
  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'lodged_by' })
  lodgedBy: string;

  @Column('text')
  grounds: string;

  @Column('timestamptz', { name: 'lodged_at' })
  lodgedAt: Date;

  @Column('text')
  status: ObjectionStatus;

  @Column('text', { nullable: true })
  reasons: string | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;
}
