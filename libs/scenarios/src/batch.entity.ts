import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BatchStatus } from './batch-status';

export interface BatchPublicationError {
  /** The domain error code, e.g. SCENARIO_DEADLINE_PASSED. */
  code: string;
  params: Record<string, string | number | boolean | null>;
  /** When the publication was due. */
  publishAt: string;
  /** When it was refused. */
  at: string;
}

/** A numbered batch (批次) of the opportunity list. */
@Entity('scenario_batch')
export class ScenarioBatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('int')
  year: number;

  /** 1, 2, … within the year. */
  @Column('int')
  number: number;

  @Column('text')
  title: string;

  @Column('text')
  status: BatchStatus;

  /** When a scheduled batch is to be published; null unless scheduled (kept once published). */
  @Column('timestamptz', { name: 'publish_at', nullable: true })
  publishAt: Date | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  /** Why the last scheduled publication was refused; cleared when it is scheduled or published again. */
  @Column('jsonb', { name: 'publication_error', nullable: true })
  publicationError: BatchPublicationError | null;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('int')
  version: number;
}
