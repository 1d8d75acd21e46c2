import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { numberColumn } from '@app/database';

export interface VendorProduct {
  name: string;
  description: string;
  url?: string | null;
}

/** A past case as the vendor states it; `scenarioId` links a scenario of this platform. */
export interface VendorPastCase {
  title: string;
  client: string;
  year: number;
  outcome: string;
  scenarioId?: string | null;
}

export interface VendorCertification {
  name: string;
  issuer: string;
  /** 'YYYY-MM-DD' */
  validUntil?: string | null;
}

/**
 * A vendor organisation's capability profile (场景能力清单): one per vendor, keyed by the
 * organisation. Public on the capability list once the organisation is verified.
 */
@Entity('vendor_profile')
export class VendorProfileEntity {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text', { array: true, default: () => "'{}'" })
  domains: string[];

  @Column('text', { name: 'capability_codes', array: true, default: () => "'{}'" })
  capabilityCodes: string[];

  @Column('text', { name: 'industry_fields', array: true, default: () => "'{}'" })
  industryFields: string[];

  /** Districts served. */
  @Column('text', { array: true, default: () => "'{}'" })
  districts: string[];

  /** Markdown. */
  @Column('text')
  description: string;

  @Column('jsonb', { default: () => "'[]'" })
  products: VendorProduct[];

  @Column('jsonb', { name: 'past_cases', default: () => "'[]'" })
  pastCases: VendorPastCase[];

  @Column('jsonb', { default: () => "'[]'" })
  certifications: VendorCertification[];

  @Column('int', { name: 'team_size', nullable: true })
  teamSize: number | null;

  /** Technology readiness level (1–9) of the main offering. */
  @Column('int', { nullable: true })
  trl: number | null;

  @Column('bigint', { name: 'typical_budget_min_yuan', nullable: true, transformer: numberColumn })
  typicalBudgetMinYuan: number | null;

  @Column('bigint', { name: 'typical_budget_max_yuan', nullable: true, transformer: numberColumn })
  typicalBudgetMaxYuan: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Optimistic concurrency: bumped by every change; PUT must name the version it read. */
  @Column('int')
  version: number;
}
