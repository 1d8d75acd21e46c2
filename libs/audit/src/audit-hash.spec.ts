import { createHash } from 'node:crypto';
import { auditHash, GENESIS_HASH, type HashedAuditFields } from './audit-hash';

const base: HashedAuditFields = {
  id: '17',
  occurredAt: '2026-11-24T08:15:30.123Z',
  actorUserId: '0b9d4c7e-5a8f-4d1b-9c2e-3f6a7b8c9d0e',
  actorRole: 'staff',
  actorOrganisationId: '6f1e2d3c-4b5a-4697-8879-6a5b4c3d2e1f',
  action: 'organisation.verify',
  objectType: 'organisation',
  objectId: 'a1b2c3',
  before: { status: 'pending', name: '湖州智造', tags: ['a', 'b'], nested: { z: 1, a: [{ y: 2, x: 1 }] } },
  after: { status: 'verified', name: '湖州智造' },
  requestId: 'req-0001',
  clientIp: '203.0.113.7',
  prevHash: GENESIS_HASH,
};

/** The same object with its keys (at every depth) inserted in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  }
  return value;
}

/** A different value of the same kind for each field. */
const changed: { [K in keyof HashedAuditFields]: HashedAuditFields[K][] } = {
  id: ['18', '017'],
  occurredAt: ['2026-11-24T08:15:30.124Z', '2026-11-24T08:15:30.123000Z'],
  actorUserId: [null, '0b9d4c7e-5a8f-4d1b-9c2e-3f6a7b8c9d0f'],
  actorRole: [null, 'platform_admin'],
  actorOrganisationId: [null, '6f1e2d3c-4b5a-4697-8879-6a5b4c3d2e10'],
  action: ['organisation.reject', ''],
  objectType: ['user'],
  objectId: ['a1b2c4', 'A1B2C3'],
  before: [
    null,
    { ...(base.before as object), status: 'rejected' },
    { ...(base.before as object), tags: ['b', 'a'] },
    { ...(base.before as object), nested: { z: 1, a: [{ y: 2, x: '1' }] } },
    { ...(base.before as object), extra: null },
  ],
  after: [null, {}, { status: 'verified', name: '湖州智造 ' }],
  requestId: ['req-0002'],
  clientIp: [null, '203.0.113.8'],
  prevHash: ['f'.repeat(64), `${'0'.repeat(63)}1`],
};

describe('auditHash', () => {
  it('is a sha256 hex digest that does not depend on key order at any depth', () => {
    const h = auditHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...base })).toBe(h);
    expect(auditHash(reversed(base) as HashedAuditFields)).toBe(h);
    expect(auditHash(JSON.parse(JSON.stringify(reversed(base))) as HashedAuditFields)).toBe(h);
  });

  it('is pinned to a known value, so the chain stays verifiable across releases', () => {
    const minimal: HashedAuditFields = {
      id: '1',
      occurredAt: '2026-01-01T00:00:00.000Z',
      actorUserId: null,
      actorRole: null,
      actorOrganisationId: null,
      action: 'system.start',
      objectType: 'system',
      objectId: '-',
      before: null,
      after: { b: 2, a: 1 },
      requestId: 'r',
      clientIp: null,
      prevHash: GENESIS_HASH,
    };
    const canonical =
      '{"action":"system.start","actorOrganisationId":null,"actorRole":null,"actorUserId":null,"after":{"a":1,"b":2},' +
      '"before":null,"clientIp":null,"id":"1","objectId":"-","objectType":"system","occurredAt":"2026-01-01T00:00:00.000Z",' +
      `"prevHash":"${GENESIS_HASH}","requestId":"r"}`;
    expect(auditHash(minimal)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it.each(Object.entries(changed).flatMap(([field, values]) => values.map((v) => [field, v] as const)))(
    'changes when %s changes (to %j)',
    (field, value) => {
      expect(auditHash({ ...base, [field]: value })).not.toBe(auditHash(base));
    },
  );

  it('gives GENESIS_HASH as 64 zeros, which no record hashes to', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(auditHash(base)).not.toBe(GENESIS_HASH);
  });
});
