import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/common';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields a record's hash covers: everything but the hash itself and the embargo key. The embargo
 * key only decides when the audit view may show the record (see `AuditService.record`); verification
 * walks every record, embargoed or not, so an embargo never hides a record from `audit:verify`.
 */
export interface HashedAuditFields {
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorRole: string | null;
  actorOrganisationId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  before: unknown;
  after: unknown;
  requestId: string;
  clientIp: string | null;
  prevHash: string;
}

/** sha256 over the previous hash and the canonical JSON of the record: changing any field breaks it. */
export function auditHash(fields: HashedAuditFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}
