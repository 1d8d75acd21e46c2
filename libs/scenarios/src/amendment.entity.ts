import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ScenarioSnapshot } from './amendment-diff';

/** One kept version of a scenario's public-relevant fields (1 = as published, then one per amendment). */
@Entity('scenario_version')
export class ScenarioVersionEntity {
  @PrimaryColumn('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @PrimaryColumn('int', { name: 'version_no' })
  versionNo: number;

  /** Full values, private fields included: redacted when shown to anyone but the owner and the centre. */
  @Column('jsonb')
  snapshot: ScenarioSnapshot;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

/** An amendment (变更) to a published scenario: why, what changed, and what it did to the deadline. */
@Entity('scenario_amendment')
export class ScenarioAmendmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  /** 1, 2, 3 … per scenario. */
  @Column('int', { name: 'amendment_no' })
  amendmentNo: number;

  @Column('text')
  reason: string;

  @Column('text', { name: 'changed_fields', array: true })
  changedFields: string[];

  @Column('boolean')
  material: boolean;

  @Column('timestamptz', { name: 'deadline_before', nullable: true })
  deadlineBefore: Date | null;

  @Column('timestamptz', { name: 'deadline_after', nullable: true })
  deadlineAfter: Date | null;

  /** The proposal deadline is later than before (asked for, or extended to give the minimum notice). */
  @Column('boolean', { name: 'deadline_extended' })
  deadlineExtended: boolean;

  @Column('int', { name: 'from_version' })
  fromVersion: number;

  @Column('int', { name: 'to_version' })
  toVersion: number;

  @Column('uuid', { name: 'amended_by' })
  amendedBy: string;

  @Column('timestamptz', { name: 'amended_at' })
  amendedAt: Date;
}
