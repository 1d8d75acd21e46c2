import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numberColumn } from '@app/database';
import { StoredFileRecord } from '@app/storage';
import type {
  AcceptanceParty,
  AcceptanceRoundStatus,
  AcceptanceVerdict,
  MilestoneChangeStatus,
  MilestoneParty,
  MilestoneStatus,
} from './delivery-status';
import type { MilestoneChanges } from './delivery-rules';

/** One winning proposal being carried out: who delivers it, for how much, since when. */
@Entity('delivery')
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('uuid', { name: 'proposal_id' })
  proposalId: string;

  @Column('uuid', { name: 'award_decision_id' })
  awardDecisionId: string;

  @Column('uuid', { name: 'lead_organisation_id' })
  leadOrganisationId: string;

  /** The lead and the consortium members, copied from the proposal at the start of delivery. */
  @Column('uuid', { name: 'member_organisation_ids', array: true })
  memberOrganisationIds: string[];

  @Column('bigint', { name: 'amount_yuan', nullable: true, transformer: numberColumn })
  amountYuan: number | null;

  @Column('uuid', { name: 'started_by' })
  startedBy: string;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;
}

@Entity('delivery_milestone')
export class MilestoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'delivery_id' })
  deliveryId: string;

  /** Position in the proposal's timeline, from 1. */
  @Column('int')
  seq: number;

  @Column('text')
  title: string;

  /** A calendar day in Huzhou, `YYYY-MM-DD` (pg `date` read as a string). */
  @Column('date', { name: 'due_date' })
  dueDate: string;

  @Column('text')
  deliverables: string;

  @Column('numeric', { name: 'payment_percent', nullable: true, transformer: numberColumn })
  paymentPercent: number | null;

  @Column('text')
  status: MilestoneStatus;

  @Column('timestamptz', { name: 'reported_at', nullable: true })
  reportedAt: Date | null;

  @Column('uuid', { name: 'reported_by', nullable: true })
  reportedBy: string | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column('uuid', { name: 'completed_by', nullable: true })
  completedBy: string | null;

  /** Why the agency last returned a reported milestone. */
  @Column('text', { name: 'return_reason', nullable: true })
  returnReason: string | null;

  /** When the sweep sent `delivery.milestone_due` for the current due date (reset when it changes). */
  @Column('timestamptz', { name: 'due_notified_at', nullable: true })
  dueNotifiedAt: Date | null;

  /** When the sweep sent `delivery.milestone_overdue` for the current due date (reset when it changes). */
  @Column('timestamptz', { name: 'overdue_notified_at', nullable: true })
  overdueNotifiedAt: Date | null;

  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A change to a milestone proposed by one party, applied only when the other agrees. */
@Entity('milestone_change')
export class MilestoneChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'milestone_id' })
  milestoneId: string;

  @Column('text', { name: 'proposed_by_party' })
  proposedByParty: MilestoneParty;

  @Column('uuid', { name: 'proposed_by' })
  proposedBy: string;

  @Column('uuid', { name: 'proposed_by_organisation_id' })
  proposedByOrganisationId: string;

  @Column('text')
  reason: string;

  /** Only the fields that change, with their new values. */
  @Column('jsonb')
  changes: MilestoneChanges;

  /** The same fields' values when the change was proposed. */
  @Column('jsonb')
  before: MilestoneChanges;

  @Column('text')
  status: MilestoneChangeStatus;

  @Column('uuid', { name: 'answered_by', nullable: true })
  answeredBy: string | null;

  @Column('uuid', { name: 'answered_by_organisation_id', nullable: true })
  answeredByOrganisationId: string | null;

  @Column('text', { name: 'answer_comment', nullable: true })
  answerComment: string | null;

  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('progress_report')
export class ProgressReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'delivery_id' })
  deliveryId: string;

  @Column('uuid', { name: 'milestone_id', nullable: true })
  milestoneId: string | null;

  @Column('text')
  text: string;

  @Column('int', { name: 'percent_complete' })
  percentComplete: number;

  @Column('uuid', { name: 'reported_by' })
  reportedBy: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A file attached to a progress report; the bytes live in `FileStorage` under `storageKey`. */
@Entity('progress_report_attachment')
export class ProgressReportAttachmentEntity extends StoredFileRecord {
  @Column('uuid', { name: 'report_id' })
  reportId: string;

  @Column('text', { name: 'file_name' })
  fileName: string;
}

/** A measurement at the test ground of one of the scenario's KPIs, against the KPI's target. */
@Entity('trial_result')
export class TrialResultEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  /** Which winner's solution was measured, when the scenario has several. */
  @Column('uuid', { name: 'delivery_id', nullable: true })
  deliveryId: string | null;

  @Column('text')
  metric: string;

  /** The KPI's baseline, target and unit when the result was recorded. */
  @Column('text')
  baseline: string;

  @Column('text')
  target: string;

  @Column('text')
  unit: string;

  @Column('text', { name: 'measured_value' })
  measuredValue: string;

  @Column('boolean')
  met: boolean;

  @Column('text')
  method: string;

  @Column('text', { nullable: true })
  notes: string | null;

  @Column('timestamptz', { name: 'measured_at' })
  measuredAt: Date;

  @Column('uuid', { name: 'recorded_by' })
  recordedBy: string;

  @Column('text', { name: 'recorded_by_party' })
  recordedByParty: AcceptanceParty;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('acceptance_round')
export class AcceptanceRoundEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('int', { name: 'round_no' })
  roundNo: number;

  @Column('text')
  status: AcceptanceRoundStatus;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('uuid', { name: 'closed_by', nullable: true })
  closedBy: string | null;
}

@Entity('acceptance_verdict')
export class AcceptanceVerdictEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'round_id' })
  roundId: string;

  @Column('text')
  party: AcceptanceParty;

  @Column('text')
  verdict: AcceptanceVerdict;

  @Column('text', { nullable: true })
  comments: string | null;

  @Column('uuid', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

/** Why staff designated an accepted scenario a demonstration scenario (示范场景). */
@Entity('demonstration_designation')
export class DemonstrationEntity {
  @PrimaryColumn('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('text')
  citation: string;

  @Column('uuid', { name: 'designated_by' })
  designatedBy: string;

  @Column('timestamptz', { name: 'designated_at' })
  designatedAt: Date;
}

export const DELIVERY_ENTITIES = [
  DeliveryEntity,
  MilestoneEntity,
  MilestoneChangeEntity,
  ProgressReportEntity,
  ProgressReportAttachmentEntity,
  TrialResultEntity,
  AcceptanceRoundEntity,
  AcceptanceVerdictEntity,
  DemonstrationEntity,
];
