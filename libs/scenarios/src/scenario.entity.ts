import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numberColumn } from '@app/database';
import type { ScenarioStatus } from './scenario-status';

export const SCENARIO_SITES = ['agency_site', 'test_ground'] as const;
export type ScenarioSite = (typeof SCENARIO_SITES)[number];
export const FUNDING_TYPES = ['agency_budget', 'subsidy', 'co_investment'] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];
export const DATA_SECURITY_LEVELS = ['general', 'important', 'core'] as const;
export type DataSecurityLevel = (typeof DATA_SECURITY_LEVELS)[number];
/** Field groups an agency may hide from vendors and other agencies. */
export const PRIVATE_FIELD_NAMES = ['budget', 'contact', 'dataResources', 'currentSituation'] as const;
export type PrivateFieldName = (typeof PRIVATE_FIELD_NAMES)[number];

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
  dataSecurityLevel: DataSecurityLevel;
  personalInformation: boolean;
}

/**
 * The public award notice (中榜公示), written when staff record an award decision and cleared when an
 * upheld objection sets it aside: who won (public names), for how much, and why, in short.
 */
export interface ScenarioAwardNotice {
  outcome: 'award' | 'no_award';
  /** Each winning proposal: the lead vendor's public name and any consortium members' names. */
  winners: { name: string; members: string[]; amountYuan: number }[];
  /** Sum of the winners' amounts; null for no award. */
  totalAmountYuan: number | null;
  /** Summary of the reasons. */
  summary: string;
  decidedAt: string;
  /** Until when unsuccessful vendors may object. */
  standstillEndsAt: string;
}

export interface ScenarioContact {
  name: string;
  phone: string;
  email: string;
  public: boolean;
}

@Entity('scenario')
export class ScenarioEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `HZ-<year>-<DOMAIN>-<seq>`, assigned at first submission; null while a draft was never submitted. */
  @Column('text', { nullable: true })
  code: string | null;

  @Column('uuid', { name: 'agency_organisation_id' })
  agencyOrganisationId: string;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Column('text')
  status: ScenarioStatus;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  summary: string | null;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text')
  domain: string;

  @Column('text', { nullable: true })
  sector: string | null;

  @Column('text', { name: 'capability_codes', array: true, default: () => "'{}'" })
  capabilityCodes: string[];

  @Column('text', { nullable: true })
  district: string | null;

  @Column('text', { nullable: true })
  site: ScenarioSite | null;

  @Column('text', { name: 'current_situation', nullable: true })
  currentSituation: string | null;

  @Column('jsonb', { default: () => "'[]'" })
  kpis: ScenarioKpi[];

  @Column('jsonb', { name: 'data_resources', default: () => "'[]'" })
  dataResources: ScenarioDataResource[];

  @Column('int', { name: 'trl_required', nullable: true })
  trlRequired: number | null;

  @Column('jsonb', { nullable: true })
  compliance: ScenarioCompliance | null;

  @Column('bigint', { name: 'budget_min_yuan', nullable: true, transformer: numberColumn })
  budgetMinYuan: number | null;

  @Column('bigint', { name: 'budget_max_yuan', nullable: true, transformer: numberColumn })
  budgetMaxYuan: number | null;

  @Column('text', { name: 'funding_type', nullable: true })
  fundingType: FundingType | null;

  @Column('timestamptz', { name: 'proposal_deadline', nullable: true })
  proposalDeadline: Date | null;

  @Column('int', { name: 'expected_delivery_months', nullable: true })
  expectedDeliveryMonths: number | null;

  @Column('jsonb', { nullable: true })
  contact: ScenarioContact | null;

  @Column('text', { name: 'private_fields', array: true, default: () => "'{}'" })
  privateFields: PrivateFieldName[];

  @Column('text', { name: 'title_en', nullable: true })
  titleEn: string | null;

  @Column('text', { name: 'summary_en', nullable: true })
  summaryEn: string | null;

  @Column('uuid', { name: 'copied_from_id', nullable: true })
  copiedFromId: string | null;

  @Column('uuid', { name: 'batch_id', nullable: true })
  batchId: string | null;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  /** Why the agency or the centre cancelled the scenario after publication (set by the `cancel` transition). */
  @Column('text', { name: 'cancellation_reason', nullable: true })
  cancellationReason: string | null;

  /** The public award notice once staff decided (award or no award); null before and after it is set aside. */
  @Column('jsonb', { name: 'award_notice', nullable: true })
  awardNotice: ScenarioAwardNotice | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Optimistic concurrency: bumped by every change; PATCH must name the version it read. */
  @Column('int')
  version: number;
}

@Entity('scenario_review')
export class ScenarioReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('text')
  decision: 'approve' | 'return' | 'reject';

  @Column('jsonb', { name: 'field_comments' })
  fieldComments: Record<string, string>;

  @Column('jsonb')
  checklist: unknown;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { name: 'decided_by' })
  decidedBy: string;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
