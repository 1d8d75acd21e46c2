import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One append-only, hash-chained audit record. Never updated: the database refuses it. */
@Entity('audit_record')
export class AuditRecordEntity {
  @PrimaryColumn('bigint')
  id: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column('text', { name: 'actor_role', nullable: true })
  actorRole: string | null;

  @Column('uuid', { name: 'actor_organisation_id', nullable: true })
  actorOrganisationId: string | null;

  @Column('text')
  action: string;

  @Column('text', { name: 'object_type' })
  objectType: string;

  @Column('text', { name: 'object_id' })
  objectId: string;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;

  @Column('text', { name: 'request_id' })
  requestId: string;

  @Column('text', { name: 'client_ip', nullable: true })
  clientIp: string | null;

  @Column('char', { name: 'prev_hash', length: 64 })
  prevHash: string;

  @Column('char', { length: 64 })
  hash: string;

  /** Hidden from the audit view while this `audit_embargo` is not lifted; not part of the hash. */
  @Column('text', { name: 'embargo_key', nullable: true })
  embargoKey: string | null;
}
