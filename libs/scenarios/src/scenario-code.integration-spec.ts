import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { huzhouYear } from '@app/common';
import { nextScenarioCode, SCENARIO_CODE_PATTERN } from './scenario-code';

describe('scenario codes (Postgres)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 25)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('gives 20 concurrent first submissions distinct, gap-free codes per (year, domain)', async () => {
    const [org] = (await ds.query(
      `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
       VALUES ('agency', '测试局', '11330500MB0000000X', 'wuxing', '王', '0572-1234567', 'a@example.cn', 'verified')
       RETURNING id`,
    )) as { id: string }[];
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const [row] = (await ds.query(
        `INSERT INTO scenario (agency_organisation_id, created_by, status, title, domain)
         VALUES ($1, $2, 'draft', $3, 'manufacturing') RETURNING id`,
        [org.id, randomUUID(), `场景 ${i}`],
      )) as { id: string }[];
      ids.push(row.id);
    }
    const now = new Date();
    // Each "submission" takes its code and holds its transaction open a moment, as a real one does.
    const codes = await Promise.all(
      ids.map((id) =>
        ds.transaction(async (em) => {
          const code = await nextScenarioCode(em, 'manufacturing', now);
          await em.query(`SELECT pg_sleep(0.01)`);
          await em.query(`UPDATE scenario SET code = $2, status = 'submitted' WHERE id = $1`, [id, code]);
          return code;
        }),
      ),
    );
    const year = huzhouYear(now);
    expect(codes.every((c) => SCENARIO_CODE_PATTERN.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(20);
    expect([...codes].sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `HZ-${year}-MF-${String(i + 1).padStart(4, '0')}`),
    );
    // Another domain counts separately.
    await ds.transaction(async (em) => {
      expect(await nextScenarioCode(em, 'agriculture', now)).toBe(`HZ-${year}-AG-0001`);
    });
  });
});
