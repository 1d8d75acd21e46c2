import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { StoredFileRecord } from '@app/storage';
import type { ProposalStatus } from './proposal-status';

/**
 * A vendor's (or consortium's) proposal for a scenario. The content is sealed: `sealedContent` is the
 * AES-256-GCM envelope of its canonical JSON, opened only for the proposing vendors, and for staff,
 * the agency and the panel once the proposal has been opened at closing.
 */
@Entity('proposal')
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('uuid', { name: 'lead_organisation_id' })
  leadOrganisationId: string;

  @Column('text')
  status: ProposalStatus;

  @Column('bytea', { name: 'sealed_content' })
  sealedContent: Buffer;

  /** When it was last submitted or re-confirmed (server time: the receipt's timestamp). */
  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  /** The scenario's last amendment number at that submission: a later material amendment needs a re-confirmation. */
  @Column('int', { name: 'confirmed_amendment_no' })
  confirmedAmendmentNo: number;

  /** The current receipt (the last submission or re-confirmation). */
  @Column('uuid', { name: 'receipt_id', nullable: true })
  receiptId: string | null;

  /** Optimistic concurrency: bumped by every change; PATCH must name the version it read. */
  @Column('int')
  version: number;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export const PROPOSAL_MEMBER_ROLES = ['lead', 'member'] as const;
export type ProposalMemberRole = (typeof PROPOSAL_MEMBER_ROLES)[number];
export const PROPOSAL_MEMBER_STATUSES = ['invited', 'confirmed', 'declined'] as const;
export type ProposalMemberStatus = (typeof PROPOSAL_MEMBER_STATUSES)[number];

/** An organisation of a proposal's consortium: the lead (always confirmed) or an invited member. */
@Entity('proposal_member')
export class ProposalMemberEntity {
  @PrimaryColumn('uuid', { name: 'proposal_id' })
  proposalId: string;

  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  /** Denormalised from the proposal (enforced by a composite foreign key) for the one-per-scenario index. */
  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('text')
  role: ProposalMemberRole;

  @Column('text')
  status: ProposalMemberStatus;

  @Column('timestamptz', { name: 'invited_at' })
  invitedAt: Date;

  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt: Date | null;

  @Column('timestamptz', { name: 'declined_at', nullable: true })
  declinedAt: Date | null;
}

/** A file attached to a proposal: stored sealed under `storageKey`; the name is sealed here. */
@Entity('proposal_attachment')
export class ProposalAttachmentEntity extends StoredFileRecord {
  @Column('uuid', { name: 'proposal_id' })
  proposalId: string;

  @Column('bytea', { name: 'sealed_file_name' })
  sealedFileName: Buffer;

  @Column('bytea', { name: 'seal_iv' })
  sealIv: Buffer;

  @Column('bytea', { name: 'seal_tag' })
  sealTag: Buffer;
}

/** What a receipt states, exactly as hashed (canonical JSON). Ids, hashes, sizes and the time only. */
export interface ReceiptDocument {
  receiptId: string;
  kind: 'submission' | 'reconfirmation';
  proposalId: string;
  scenarioId: string;
  leadOrganisationId: string;
  members: { organisationId: string; role: ProposalMemberRole }[];
  /** Server time, ISO 8601. */
  issuedAt: string;
  /** SHA-256 of the canonical JSON of the content. */
  contentSha256: string;
  attachments: { id: string; sha256: string; sizeBytes: number; mediaType: string }[];
}

/** A receipt issued at a submission or re-confirmation (append-only). */
@Entity('proposal_receipt')
export class ProposalReceiptEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'proposal_id' })
  proposalId: string;

  @Column('text')
  kind: ReceiptDocument['kind'];

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt: Date;

  @Column('jsonb')
  document: ReceiptDocument;

  @Column('text', { name: 'receipt_sha256' })
  receiptSha256: string;
}
