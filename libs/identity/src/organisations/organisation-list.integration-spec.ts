import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { dataSourceOptions } from '@app/database';
import { OutboxService } from '@app/outbox';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { randomUscc } from '../../../../test/support/fixtures';
import { Passwords } from '../auth/passwords';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationService } from './organisation.service';

describe('organisation list paging (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let service: OrganisationService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource({ ...dataSourceOptions(db.url, 2), entities: [OrganisationEntity] }).initialize();
    service = new OrganisationService(ds, new AuditService(), new OutboxService(), new Passwords());
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('returns every row exactly once, even rows a few microseconds apart within one millisecond', async () => {
    // Five organisations created within the same millisecond, microseconds apart.
    for (let i = 0; i < 5; i++) {
      await ds.query(
        `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status, created_at)
         VALUES ('vendor', $1, $2, 'wuxing', '王', '0572-1234567', 'a@b.cn', 'pending', '2026-11-24T10:00:00.123000Z'::timestamptz + $3 * interval '1 microsecond')`,
        [`企业${i}`, randomUscc(), i * 7],
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.list({ limit: 1, cursor });
      seen.push(...page.items.map((o) => o.nameZh));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['企业4', '企业3', '企业2', '企业1', '企业0']);
  });
});
