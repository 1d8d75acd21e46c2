import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type Actor, Clock, systemContext } from '@app/common';
import { OutboxService } from '@app/outbox';
import { ProposalService } from '@app/proposals';
import type { DomainEventJobData } from '@app/queue';
import { ScenarioService } from '@app/scenarios';
import { proposalContent } from '../../../../test/support/proposal-setup';
import { randomUscc } from '../../../../test/support/fixtures';
import { startWorkerContext, waitFor, type WorkerTestContext } from '../testing/worker-test-context';
import { FlagProposalsForReconfirmation, OpenProposalsAtClosing } from './proposal-opening.handlers';

/**
 * The worker's proposal handlers, end to end: events committed to the outbox are relayed to the
 * domain-events queue and handled (flag after a material amendment; open at closing).
 */
describe('proposal opening handlers (worker: outbox → relay → queue → handler)', () => {
  let t: WorkerTestContext;
  let ds: DataSource;
  let proposals: ProposalService;
  let agencyId: string;

  const ctxOf = (actor: Actor) => ({ actor, requestId: randomUUID(), ip: null, locale: 'zh-CN' as const });
  const statusOf = async (id: string) =>
    ((await ds.query(`SELECT status FROM proposal WHERE id = $1`, [id])) as { status: string }[])[0].status;

  async function organisation(type: 'agency' | 'vendor'): Promise<string> {
    const [{ id }] = (await ds.query(
      `INSERT INTO organisation (type, name_zh, uscc, district_code, contact_name, contact_phone, contact_email, status)
       VALUES ($1, $2, $3, 'wuxing', '王测试', '0572-2345678', 'c@example.cn', 'verified') RETURNING id`,
      [
        type,
        type === 'agency' ? '湖州市测试局' : `测试科技${randomUUID().slice(0, 6)}`,
        randomUscc(type === 'agency' ? '1' : '9'),
      ],
    )) as { id: string }[];
    return id;
  }

  async function publishedScenario(deadline: Date): Promise<string> {
    const [{ id }] = (await ds.query(
      `INSERT INTO scenario (agency_organisation_id, created_by, status, title, domain, kpis, site,
                             proposal_deadline, published_at)
       VALUES ($1, $2, 'published', '面料瑕疵检测', 'manufacturing', $3, 'agency_site', $4, now()) RETURNING id`,
      [
        agencyId,
        randomUUID(),
        JSON.stringify([{ metric: '缺陷检出率', baseline: '95', target: '99', unit: '%' }]),
        deadline,
      ],
    )) as { id: string }[];
    return id;
  }

  async function submitted(vendorOrg: string, scenarioId: string): Promise<string> {
    const vendor: Actor = { userId: randomUUID(), organisationId: vendorOrg, role: 'vendor_admin' };
    const draft = await proposals.create(ctxOf(vendor), scenarioId, proposalContent([{ metric: '缺陷检出率' }]));
    await proposals.transition(ctxOf(vendor), draft.id, 'submit');
    return draft.id;
  }

  /** A material amendment as AmendmentService records it: the row, the versions, and the event. */
  async function materialAmendment(scenarioId: string, no: number): Promise<string> {
    await ds.transaction(async (em) => {
      for (const v of [no, no + 1]) {
        await em.query(
          `INSERT INTO scenario_version (scenario_id, version_no, snapshot, created_at) VALUES ($1, $2, '{}', now())
           ON CONFLICT DO NOTHING`,
          [scenarioId, v],
        );
      }
      await em.query(
        `INSERT INTO scenario_amendment (scenario_id, amendment_no, reason, changed_fields, material,
           deadline_extended, from_version, to_version, amended_by)
         VALUES ($1, $2, '预算调整', '{budgetMaxYuan}', true, false, $3, $4, $5)`,
        [scenarioId, no, no, no + 1, randomUUID()],
      );
    });
    return ds.transaction((em) =>
      new OutboxService().publish(
        em,
        { requestId: randomUUID() },
        {
          type: 'scenario.reconfirmation_required',
          aggregateType: 'scenario',
          aggregateId: scenarioId,
          payload: { scenarioId, amendmentNo: no, proposalDeadline: null },
        },
      ),
    );
  }

  const jobDone = (id: string) =>
    waitFor(async () => (await t.inspect.getJobState(id)) === 'completed', 10_000, `job ${id}`);

  beforeAll(async () => {
    t = await startWorkerContext();
    ds = t.app.get(DataSource);
    proposals = t.app.get(ProposalService);
    agencyId = await organisation('agency');
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('flags proposals submitted before a material amendment, opens the rest at closing, excludes the flagged', async () => {
    const deadline = new Date(Date.now() + 86_400_000);
    const scenarioId = await publishedScenario(deadline);
    const [early, late, silent] = await Promise.all([
      organisation('vendor'),
      organisation('vendor'),
      organisation('vendor'),
    ]);
    const before = await submitted(early, scenarioId);
    const quiet = await submitted(silent, scenarioId);

    const amendmentEvent = await materialAmendment(scenarioId, 1);
    await jobDone(amendmentEvent);
    expect(await statusOf(before)).toBe('reconfirmation_required');
    expect(await statusOf(quiet)).toBe('reconfirmation_required');
    const after = await submitted(late, scenarioId); // after the amendment: not flagged
    const vendor: Actor = { userId: randomUUID(), organisationId: early, role: 'vendor_member' };
    await proposals.transition(ctxOf(vendor), before, 'reconfirm');

    // The deadline passes; the sweep closes the scenario; the worker opens the proposals.
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(deadline.getTime() + 1000));
    await t.app.get(ScenarioService).transition(systemContext(randomUUID()), scenarioId, 'close');
    await waitFor(async () => (await statusOf(after)) === 'opened', 10_000, 'the opening');
    expect(await statusOf(before)).toBe('opened');
    expect(await statusOf(quiet)).toBe('not_opened');
    const opened = await proposals.openedForScenario(scenarioId);
    expect(opened.map((o) => o.id).sort()).toEqual([before, after].sort());
    expect(opened[0].content.technicalApproach).toContain('技术路线');
    expect(opened[0].members).toEqual([
      expect.objectContaining({ role: 'lead', nameZh: expect.stringContaining('测试科技') }),
    ]);
  });

  it('is idempotent: handling the same events again changes nothing and raises no events', async () => {
    const deadline = new Date(Date.now() + 86_400_000);
    jest.restoreAllMocks();
    const scenarioId = await publishedScenario(deadline);
    const id = await submitted(await organisation('vendor'), scenarioId);
    const flagged = await submitted(await organisation('vendor'), scenarioId);
    const event = <T extends 'scenario.reconfirmation_required' | 'scenario.transitioned'>(
      type: T,
      payload: DomainEventJobData<T>['payload'],
    ): DomainEventJobData<T> => ({
      eventId: randomUUID(),
      type,
      aggregateType: 'scenario',
      aggregateId: scenarioId,
      payload,
      occurredAt: new Date().toISOString(),
      requestId: null,
    });
    const flag = t.app.get(FlagProposalsForReconfirmation);
    const open = t.app.get(OpenProposalsAtClosing);
    await materialAmendment(scenarioId, 1);
    // Flag only `flagged`: `id` re-submits after the amendment, as a vendor would.
    await ds.query(`UPDATE proposal SET confirmed_amendment_no = 1 WHERE id = $1`, [id]);
    const amended = event('scenario.reconfirmation_required', { scenarioId, amendmentNo: 1, proposalDeadline: null });
    await flag.handle(amended);
    await flag.handle(amended);
    expect(await statusOf(flagged)).toBe('reconfirmation_required');

    const closed = event('scenario.transitioned', {
      scenarioId,
      agencyOrganisationId: agencyId,
      transition: 'close',
      from: 'published',
      to: 'closed',
      reason: null,
    });
    await ds.query(`UPDATE scenario SET status = 'closed', closed_at = now() WHERE id = $1`, [scenarioId]);
    // Closed, but by this process's clock the deadline has not passed: refused, so the job is retried.
    await expect(open.handle(closed)).rejects.toThrow(/retried/);
    expect(await statusOf(id)).toBe('submitted');

    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(deadline.getTime() + 1));
    await open.handle(closed);
    const count = async () =>
      (
        (await ds.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type LIKE 'proposal.%'`)) as { n: number }[]
      )[0].n;
    const events = await count();
    await open.handle(closed);
    await flag.handle(amended);
    expect(await count()).toBe(events);
    expect([await statusOf(id), await statusOf(flagged)]).toEqual(['opened', 'not_opened']);
    // Other scenario transitions are not the closing: nothing happens.
    await open.handle({ ...closed, payload: { ...closed.payload, to: 'under_evaluation' } });
    expect(await count()).toBe(events);
  });
});
