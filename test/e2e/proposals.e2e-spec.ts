import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { type Actor, canonicalJson, systemContext } from '@app/common';
import { contentAad, ProposalSealer, ProposalService } from '@app/proposals';
import { createTestApp, type TestApp } from '../support/test-app';
import { proposalSetup, sealedMarker } from '../support/proposal-setup';
import { fileUpload, samplePdf } from '../support/upload-fixtures';

describe('proposals (HTTP): drafts, consortium, submission, receipts, attachments', () => {
  let t: TestApp;
  let pg: Client;
  let p: ReturnType<typeof proposalSetup>;
  let agency: Actor;

  const errorFields = (res: { json(): { errors?: { field: string; rule: string }[] } }) =>
    (res.json().errors ?? []).map((e) => `${e.field}:${e.rule}`);
  const upload = (actor: Actor, proposalId: string, body: { payload: Buffer; headers: object }) =>
    t.request({
      method: 'POST',
      url: `/api/v1/proposals/${proposalId}/attachments`,
      headers: { ...p.auth(actor), ...body.headers },
      payload: body.payload,
    });

  beforeAll(async () => {
    t = await createTestApp();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    p = proposalSetup(t);
    agency = await p.organisation('agency');
  });
  afterAll(async () => {
    await pg.end();
    await t.close();
  });
  afterEach(() => jest.restoreAllMocks());

  it('takes a draft through edits to submission, refusing incomplete content with 400 naming each field', async () => {
    const vendor = await p.organisation('vendor');
    const { id: scenarioId } = await p.publishedScenario(agency);
    const created = await p.call(vendor, 'POST', `/scenarios/${scenarioId}/proposals`, {
      technicalApproach: '初稿',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      scenarioId,
      leadOrganisationId: vendor.organisationId,
      status: 'draft',
      version: 1,
      submittedAt: null,
      receiptSha256: null,
      members: [{ organisationId: vendor.organisationId, role: 'lead', status: 'confirmed' }],
      content: { technicalApproach: '初稿', kpiResponses: [], priceYuan: null, trialPlan: null },
      attachments: [],
    });
    const id = created.json().id as string;

    const incomplete = await p.call(vendor, 'POST', `/proposals/${id}/submit`);
    expect(incomplete.statusCode).toBe(400);
    expect(errorFields(incomplete)).toEqual(
      expect.arrayContaining([
        'kpiResponses:proposal.kpi_unanswered',
        'team:proposal.required',
        'priceYuan:proposal.required',
        'priceBreakdown:proposal.required',
        'milestones:proposal.required',
      ]),
    );

    const complete = await p.contentFor(scenarioId);
    const broken = {
      ...complete,
      priceBreakdown: [{ item: '设备', amountYuan: 1 }],
      milestones: [
        { title: '早', dueDate: '2020-01-01', deliverables: '—' },
        { title: '晚', dueDate: complete.milestones[1].dueDate, deliverables: '—' },
        { title: '倒序', dueDate: complete.milestones[0].dueDate, deliverables: '—' },
      ],
      kpiResponses: [...complete.kpiResponses, { metric: '不存在的指标', approach: 'x', committedValue: '1' }],
      technicalApproach: '  ',
    };
    const stale = await p.call(vendor, 'PATCH', `/proposals/${id}`, { ...broken, version: 99 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('PROPOSAL_VERSION_CONFLICT');
    const saved = await p.call(vendor, 'PATCH', `/proposals/${id}`, { ...broken, version: 1 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(2);
    const refused = await p.call(vendor, 'POST', `/proposals/${id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(errorFields(refused).sort()).toEqual(
      [
        'technicalApproach:proposal.required',
        'kpiResponses.1.metric:proposal.kpi_unknown',
        'priceBreakdown:proposal.price_breakdown_sum',
        'milestones.0.dueDate:proposal.milestone_past',
        'milestones.2.dueDate:proposal.milestones_order',
      ].sort(),
    );

    const fixed = await p.call(vendor, 'PATCH', `/proposals/${id}`, { ...complete, version: 2 });
    expect(fixed.statusCode).toBe(200);
    const submitted = await p.call(vendor, 'POST', `/proposals/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', version: 4, content: complete });
    expect(submitted.json().submittedAt).toEqual(expect.any(String));
    expect(submitted.json().receiptSha256).toMatch(/^[0-9a-f]{64}$/);

    // Submitted: no more edits until revised; the lead may revise, edit and submit again (new receipt).
    const locked = await p.call(vendor, 'PATCH', `/proposals/${id}`, { priceYuan: 1, version: 4 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('PROPOSAL_NOT_EDITABLE');
    expect((await p.call(vendor, 'POST', `/proposals/${id}/submit`)).json().code).toBe('COMMON_INVALID_TRANSITION');
    expect((await p.call(vendor, 'POST', `/proposals/${id}/revise`)).json().status).toBe('draft');
    const edited = await p.call(vendor, 'PATCH', `/proposals/${id}`, {
      trialPlan: '改为现场试运行两个月。',
      version: 5,
    });
    expect(edited.statusCode).toBe(200);
    const again = await p.call(vendor, 'POST', `/proposals/${id}/submit`);
    expect(again.statusCode).toBe(200);
    expect(again.json().receiptSha256).not.toBe(submitted.json().receiptSha256);

    // Withdraw, then resubmit as is.
    expect((await p.call(vendor, 'POST', `/proposals/${id}/withdraw`)).json().status).toBe('withdrawn');
    expect((await p.call(vendor, 'POST', `/proposals/${id}/submit`)).json().status).toBe('submitted');

    const mine = await p.call(vendor, 'GET', '/proposals/mine');
    expect(mine.json()).toEqual([
      expect.objectContaining({ id, scenarioId, role: 'lead', memberStatus: 'confirmed', status: 'submitted' }),
    ]);
    expect(JSON.stringify(mine.json())).not.toContain('技术路线');

    const events = await pg.query(
      `SELECT type FROM outbox_event WHERE aggregate_id = $1 AND type LIKE 'proposal.%' ORDER BY created_at, id`,
      [id],
    );
    expect(events.rows.map((r) => r.type)).toEqual([
      'proposal.created',
      'proposal.updated',
      'proposal.updated',
      'proposal.submitted',
      'proposal.revised',
      'proposal.updated',
      'proposal.submitted',
      'proposal.withdrawn',
      'proposal.submitted',
    ]);
    const audit = await pg.query(`SELECT action FROM audit_record WHERE object_id = $1 ORDER BY id`, [id]);
    expect(audit.rows.map((r) => r.action)).toEqual([
      'proposal.create',
      'proposal.update',
      'proposal.update',
      'proposal.submit',
      'proposal.revise',
      'proposal.update',
      'proposal.submit',
      'proposal.withdraw',
      'proposal.submit',
    ]);
  });

  it('allows one proposal per vendor and scenario, only for verified vendors and published scenarios', async () => {
    const vendor = await p.organisation('vendor');
    const pending = await p.organisation('vendor', false);
    const { id: scenarioId } = await p.publishedScenario(agency);
    await p.draftProposal(vendor, scenarioId);
    const twice = await p.call(vendor, 'POST', `/scenarios/${scenarioId}/proposals`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('PROPOSAL_ALREADY_EXISTS');

    const unverified = await p.call(pending, 'POST', `/scenarios/${scenarioId}/proposals`, {});
    expect(unverified.statusCode).toBe(403);
    expect(unverified.json().code).toBe('PROPOSAL_VENDOR_NOT_VERIFIED');

    const approved = await p.approvedScenario(agency);
    const notPublished = await p.call(vendor, 'POST', `/scenarios/${approved.id}/proposals`, {});
    expect(notPublished.statusCode).toBe(404); // not visible to vendors before publication
    const cancelled = await p.publishedScenario(agency);
    await p.draftProposal(vendor, cancelled.id);
    expect(
      (await p.call(p.staff, 'POST', `/scenarios/${cancelled.id}/cancel`, { reason: '预算调整' })).statusCode,
    ).toBe(200);
    // Cancelled scenarios are no longer visible to vendors; a draft made before stays frozen.
    const afterCancel = await p.call(vendor, 'POST', `/scenarios/${cancelled.id}/proposals`, {});
    expect(afterCancel.statusCode).toBe(404);
    const [draft] = (await p.call(vendor, 'GET', '/proposals/mine'))
      .json()
      .filter((x: { scenarioId: string }) => x.scenarioId === cancelled.id);
    const edit = await p.call(vendor, 'PATCH', `/proposals/${draft.id}`, { priceYuan: 5, version: 1 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'PROPOSAL_SCENARIO_NOT_OPEN', details: { status: 'cancelled' } });
  });

  it('runs a consortium: invitations, confirmations, at most 4 members, submission only when all confirmed', async () => {
    const [lead, a, b, c, d, e] = await Promise.all([...Array(6)].map(() => p.organisation('vendor')));
    const outsider = await p.organisation('vendor');
    const unverified = await p.organisation('vendor', false);
    const { id: scenarioId } = await p.publishedScenario(agency);
    const { id } = await p.draftProposal(lead, scenarioId, await p.contentFor(scenarioId));
    const invite = (org: Actor | string) =>
      p.call(lead, 'POST', `/proposals/${id}/consortium/members`, {
        organisationId: typeof org === 'string' ? org : org.organisationId,
      });

    for (const bad of [unverified, agency, lead]) {
      const res = await invite(bad);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'PROPOSAL_MEMBER_NOT_ELIGIBLE', errors: [{ field: 'organisationId' }] });
    }
    for (const m of [a, b, c, d]) expect((await invite(m)).statusCode).toBe(200);
    expect((await invite(a)).statusCode).toBe(200); // inviting a member again changes nothing
    const full = await invite(e);
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'PROPOSAL_CONSORTIUM_FULL', details: { max: 4 } });

    // Members read the proposal (to decide); they cannot change it; others do not see it exists.
    const seen = await p.call(a, 'GET', `/proposals/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().members.map((m: { status: string }) => m.status)).toEqual([
      'confirmed',
      'invited',
      'invited',
      'invited',
      'invited',
    ]);
    expect((await p.call(a, 'PATCH', `/proposals/${id}`, { priceYuan: 1, version: 1 })).statusCode).toBe(403);
    expect((await p.call(a, 'POST', `/proposals/${id}/submit`)).statusCode).toBe(403);
    expect((await p.call(outsider, 'GET', `/proposals/${id}`)).statusCode).toBe(404);
    expect((await p.call(outsider, 'POST', `/proposals/${id}/consortium/confirm`)).statusCode).toBe(404);
    expect((await p.call(a, 'GET', '/proposals/mine')).json()).toEqual([
      expect.objectContaining({ id, role: 'member', memberStatus: 'invited' }),
    ]);

    const pending = await p.call(lead, 'POST', `/proposals/${id}/submit`);
    expect(pending.statusCode).toBe(409);
    expect(pending.json()).toMatchObject({
      code: 'PROPOSAL_CONSORTIUM_UNCONFIRMED',
      details: { pending: 4 },
      errors: [{ field: 'consortium' }],
    });

    for (const m of [a, b])
      expect((await p.call(m, 'POST', `/proposals/${id}/consortium/confirm`)).statusCode).toBe(200);
    expect((await p.call(c, 'POST', `/proposals/${id}/consortium/decline`)).statusCode).toBe(204);
    expect((await p.call(c, 'GET', `/proposals/${id}`)).statusCode).toBe(404);
    expect((await p.call(lead, 'DELETE', `/proposals/${id}/consortium/members/${d.organisationId}`)).statusCode).toBe(
      200,
    );
    // A confirmed member may not lead or join another proposal for the same scenario.
    const own = await p.call(a, 'POST', `/scenarios/${scenarioId}/proposals`, {});
    expect(own.json().code).toBe('PROPOSAL_ALREADY_EXISTS');
    const { id: other } = await p.draftProposal(e, scenarioId);
    await p.call(e, 'POST', `/proposals/${other}/consortium/members`, { organisationId: b.organisationId });
    const second = await p.call(b, 'POST', `/proposals/${other}/consortium/confirm`);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('PROPOSAL_ALREADY_EXISTS');

    const submitted = await p.call(lead, 'POST', `/proposals/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(
      submitted.json().members.map((m: { organisationId: string; status: string }) => [m.organisationId, m.status]),
    ).toEqual(
      expect.arrayContaining([
        [lead.organisationId, 'confirmed'],
        [a.organisationId, 'confirmed'],
        [b.organisationId, 'confirmed'],
        [c.organisationId, 'declined'],
      ]),
    );
    // Submitted: the consortium is frozen until the lead revises.
    expect((await p.call(a, 'POST', `/proposals/${id}/consortium/decline`)).json().code).toBe('PROPOSAL_NOT_EDITABLE');
    const receipt = await p.call(a, 'GET', `/proposals/${id}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json().members).toEqual(
      [
        { organisationId: lead.organisationId, role: 'lead' },
        { organisationId: a.organisationId, role: 'member' },
        { organisationId: b.organisationId, role: 'member' },
      ].sort(
        (x, y) => x.role.localeCompare(y.role) || String(x.organisationId).localeCompare(String(y.organisationId)),
      ),
    );

    const types = (
      await pg.query(
        `SELECT type, payload FROM outbox_event WHERE aggregate_id = $1 AND type LIKE 'proposal.consortium_%'
          ORDER BY created_at, id`,
        [id],
      )
    ).rows;
    expect(types.map((r) => r.type)).toEqual([
      'proposal.consortium_invited',
      'proposal.consortium_invited',
      'proposal.consortium_invited',
      'proposal.consortium_invited',
      'proposal.consortium_confirmed',
      'proposal.consortium_confirmed',
      'proposal.consortium_declined',
      'proposal.consortium_removed',
    ]);
    expect(types[0].payload).toEqual({
      proposalId: id,
      scenarioId,
      leadOrganisationId: lead.organisationId,
      organisationId: a.organisationId,
    });
  });

  it('issues a receipt (server time, SHA-256 of the canonical content and of each file) that hashes to itself', async () => {
    const vendor = await p.organisation('vendor');
    const { id: scenarioId } = await p.publishedScenario(agency);
    const content = await p.contentFor(scenarioId);
    const { id } = await p.draftProposal(vendor, scenarioId, content);
    const pdf = samplePdf(5000);
    const up = await upload(vendor, id, fileUpload('技术方案.pdf', pdf));
    expect(up.statusCode).toBe(201);
    const serverTime = new Date('2026-03-01T02:03:04.567Z');
    jest.spyOn(p.clock, 'now').mockReturnValue(serverTime);
    expect((await p.call(vendor, 'POST', `/proposals/${id}/submit`)).statusCode).toBe(200);

    const res = await p.call(vendor, 'GET', `/proposals/${id}/receipt`);
    expect(res.statusCode).toBe(200);
    const receipt = res.json();
    const { createHash } = await import('node:crypto');
    const sha = (x: string | Buffer) => createHash('sha256').update(x).digest('hex');
    expect(receipt).toMatchObject({
      kind: 'submission',
      proposalId: id,
      scenarioId,
      leadOrganisationId: vendor.organisationId,
      issuedAt: serverTime.toISOString(),
      contentSha256: sha(canonicalJson(content)),
      attachments: [{ id: up.json().id, sha256: sha(pdf), sizeBytes: pdf.length, mediaType: 'application/pdf' }],
    });
    const { receiptSha256, algorithm: _algorithm, ...document } = receipt;
    expect(receiptSha256).toBe(sha(canonicalJson(document)));
    // Only the proposal's vendors get receipts.
    expect((await p.call(p.staff, 'GET', `/proposals/${id}/receipt`)).statusCode).toBe(403);
    const other = await p.organisation('vendor');
    expect((await p.call(other, 'GET', `/proposals/${id}/receipt`)).statusCode).toBe(404);
    const draft = await p.draftProposal(other, scenarioId);
    expect((await p.call(other, 'GET', `/proposals/${draft.id}/receipt`)).json().code).toBe('PROPOSAL_NO_RECEIPT');
  });

  it('stores content and files sealed: neither the database row nor the stored file holds the plain text', async () => {
    const vendor = await p.organisation('vendor');
    const marker = sealedMarker();
    const { id: scenarioId } = await p.publishedScenario(agency);
    const { id } = await p.draftProposal(vendor, scenarioId, await p.contentFor(scenarioId, { marker }));
    const secretPdf = Buffer.concat([samplePdf(), Buffer.from(`%${marker}\n`)]);
    const up = await upload(vendor, id, fileUpload(`方案-${marker}.pdf`, secretPdf));
    expect(up.statusCode).toBe(201);
    expect(up.json().fileName).toBe(`方案-${marker}.pdf`);

    const dump = await pg.query(
      `SELECT (SELECT string_agg(t::text, '|') FROM proposal t) AS p,
              (SELECT string_agg(t::text, '|') FROM proposal_attachment t) AS a,
              (SELECT string_agg(t::text, '|') FROM proposal_receipt t) AS r`,
    );
    const text = JSON.stringify(dump.rows);
    const hexMarker = Buffer.from(marker).toString('hex');
    expect(text).not.toContain(marker);
    expect(text).not.toContain(hexMarker);
    expect(text).not.toContain(Buffer.from('技术路线').toString('hex'));
    const [{ storage_key: key }] = (
      await pg.query(`SELECT storage_key FROM proposal_attachment WHERE proposal_id = $1`, [id])
    ).rows;
    const stored = await readFile(join(t.storageDir, ...key.split('/')));
    expect(stored.includes(Buffer.from(marker))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);

    // The vendor reads both back, unsealed.
    expect((await p.call(vendor, 'GET', `/proposals/${id}`)).json().content.technicalApproach).toContain(marker);
    const download = await p.call(vendor, 'GET', `/proposals/${id}/attachments/${up.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(secretPdf)).toBe(true);

    // A sealed row moved to another proposal does not open there (bound to its record).
    const sealer = t.app.get(ProposalSealer);
    const [{ sealed_content: sealed }] = (await pg.query(`SELECT sealed_content FROM proposal WHERE id = $1`, [id]))
      .rows;
    expect(sealer.openText(sealed, contentAad(id))).toContain(marker);
    expect(() => sealer.openText(sealed, contentAad(scenarioId))).toThrow(/cannot be opened/);
  });

  it('refuses files that are not allowed or not from the lead; removes files while a draft, freezes them once submitted', async () => {
    const vendor = await p.organisation('vendor');
    const { id: scenarioId } = await p.publishedScenario(agency);
    const { id } = await p.draftProposal(vendor, scenarioId, await p.contentFor(scenarioId));
    const html = await upload(vendor, id, fileUpload('方案.pdf', Buffer.from('<html><script>x</script></html>')));
    expect(html.statusCode).toBe(415);
    expect(html.json()).toMatchObject({ code: 'PROPOSAL_ATTACHMENT_TYPE_NOT_ALLOWED', errors: [{ field: 'file' }] });
    const exe = await upload(vendor, id, fileUpload('setup.exe', Buffer.from('MZ')));
    expect(exe.statusCode).toBe(415);
    expect((await p.call(vendor, 'GET', `/proposals/${id}/attachments`)).json()).toEqual([]);

    const first = await upload(vendor, id, fileUpload('a.pdf', samplePdf()));
    expect(first.statusCode).toBe(201);
    const member = await p.organisation('vendor');
    expect((await upload(member, id, fileUpload('b.pdf', samplePdf()))).statusCode).toBe(404);
    const removed = await p.call(vendor, 'DELETE', `/proposals/${id}/attachments/${first.json().id}`);
    expect(removed.statusCode).toBe(204);
    expect((await p.call(vendor, 'GET', `/proposals/${id}/attachments`)).json()).toEqual([]);
    const key = `proposals/${id}/attachments/${first.json().id}`;
    await expect(readFile(join(t.storageDir, ...key.split('/')))).rejects.toThrow(/ENOENT/);

    // Submitted: files are frozen until revised.
    await upload(vendor, id, fileUpload('c.pdf', samplePdf()));
    await p.call(vendor, 'POST', `/proposals/${id}/submit`);
    const frozen = await upload(vendor, id, fileUpload('d.pdf', samplePdf()));
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().code).toBe('PROPOSAL_NOT_EDITABLE');
  });

  it('caps attachments per proposal at PROPOSAL_ATTACHMENTS_MAX', async () => {
    const small = await createTestApp({ env: { PROPOSAL_ATTACHMENTS_MAX: '2' } });
    try {
      const q = proposalSetup(small);
      const vendor = await q.organisation('vendor');
      const { id: scenarioId } = await q.publishedScenario(await q.organisation('agency'));
      const { id } = await q.draftProposal(vendor, scenarioId);
      const send = () => {
        const body = fileUpload('a.pdf', samplePdf());
        return small.request({
          method: 'POST',
          url: `/api/v1/proposals/${id}/attachments`,
          headers: { ...q.auth(vendor), ...body.headers },
          payload: body.payload,
        });
      };
      expect((await send()).statusCode).toBe(201);
      expect((await send()).statusCode).toBe(201);
      const third = await send();
      expect(third.statusCode).toBe(409);
      expect(third.json()).toMatchObject({ code: 'PROPOSAL_ATTACHMENT_LIMIT_REACHED', details: { max: 2 } });
    } finally {
      await small.close();
    }
  });

  it('lets staff verify a receipt once opened (404 while sealed), and detects content or files altered behind the app’s back', async () => {
    const vendor = await p.organisation('vendor');
    const platformAdmin: Actor = { userId: randomUUID(), organisationId: randomUUID(), role: 'platform_admin' };
    const { id: scenarioId } = await p.publishedScenario(agency);
    const content = await p.contentFor(scenarioId);
    const { id } = await p.draftProposal(vendor, scenarioId, content);
    const up = await upload(vendor, id, fileUpload('a.pdf', samplePdf(3000)));
    const first = (await p.call(vendor, 'POST', `/proposals/${id}/submit`)).json().receiptSha256 as string;
    // A revision and a new submission before the deadline: the vendor's first receipt is superseded.
    expect((await p.call(vendor, 'POST', `/proposals/${id}/revise`)).statusCode).toBe(200);
    const submitted = await p.call(vendor, 'POST', `/proposals/${id}/submit`);
    const receiptSha256 = submitted.json().receiptSha256 as string;
    expect(receiptSha256).not.toBe(first);
    const verify = (body: object = {}) => p.call(p.staff, 'POST', `/proposals/${id}/receipt/verify`, body);

    // Sealed until the opening: the centre gets the 404 every other route about the proposal gives it,
    // and nothing is audited; the vendor keeps its receipt.
    for (const who of [p.staff, platformAdmin]) {
      const sealed = await p.call(who, 'POST', `/proposals/${id}/receipt/verify`, { receiptSha256 });
      expect(sealed.statusCode).toBe(404);
      expect(sealed.json()).toMatchObject({ code: 'PROPOSAL_NOT_FOUND' });
      expect(sealed.body).not.toContain(receiptSha256);
    }
    expect((await p.call(vendor, 'GET', `/proposals/${id}/receipt`)).json()).toMatchObject({ receiptSha256 });

    await p.closeScenario(scenarioId);
    const ok = await verify({ receiptSha256 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      proposalId: id,
      proposalStatus: 'opened',
      receiptSha256,
      valid: true,
      receiptIntact: true,
      auditRecordMatches: true,
      content: { matches: true },
      attachments: [{ id: up.json().id, matches: true }],
      unexpectedAttachmentIds: [],
      vendorCopy: 'current',
    });
    expect(JSON.stringify(ok.json())).not.toContain('技术路线');
    expect((await verify({ receiptSha256: first })).json()).toMatchObject({ valid: false, vendorCopy: 'superseded' });
    expect((await verify({ receiptSha256: 'a'.repeat(64) })).json()).toMatchObject({
      valid: false,
      vendorCopy: 'unknown',
    });
    const byAdmin = await p.call(platformAdmin, 'POST', `/proposals/${id}/receipt/verify`, {});
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toMatchObject({ proposalStatus: 'opened', valid: true });
    expect((await p.call(vendor, 'POST', `/proposals/${id}/receipt/verify`, {})).statusCode).toBe(403);

    // An insider with the key re-seals a cheaper price into the row: the hash no longer matches.
    const sealer = t.app.get(ProposalSealer);
    const [{ sealed_content: original }] = (await pg.query(`SELECT sealed_content FROM proposal WHERE id = $1`, [id]))
      .rows;
    const altered = sealer.sealText(canonicalJson({ ...content, priceYuan: 1 }), contentAad(id));
    await pg.query(`UPDATE proposal SET sealed_content = $2 WHERE id = $1`, [id, altered]);
    const changed = (await verify()).json();
    expect(changed).toMatchObject({ valid: false, content: { matches: false } });
    expect(changed.content.actualSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(changed.content.actualSha256).not.toBe(changed.content.expectedSha256);

    // Someone without the key flips a byte: it no longer unseals.
    const flipped = Buffer.from(original as Buffer);
    flipped[flipped.length - 1] ^= 0xff;
    await pg.query(`UPDATE proposal SET sealed_content = $2 WHERE id = $1`, [id, flipped]);
    expect((await verify()).json()).toMatchObject({ valid: false, content: { actualSha256: null, matches: false } });
    await pg.query(`UPDATE proposal SET sealed_content = $2 WHERE id = $1`, [id, original]);
    expect((await verify()).json().valid).toBe(true);

    // The stored file is overwritten on disk.
    const path = join(t.storageDir, 'proposals', id, 'attachments', up.json().id);
    const file = await readFile(path);
    const tampered = Buffer.from(file);
    tampered[10] ^= 0x01;
    await writeFile(path, tampered);
    expect((await verify()).json()).toMatchObject({
      valid: false,
      attachments: [{ matches: false, actualSha256: null }],
    });
    await writeFile(path, file);

    // The receipt row itself is append-only in the database.
    await expect(
      pg.query(`UPDATE proposal_receipt SET receipt_sha256 = $2 WHERE proposal_id = $1`, [id, 'b'.repeat(64)]),
    ).rejects.toThrow(/append-only/);

    expect((await verify()).json().valid).toBe(true);
    const audits = await pg.query(
      `SELECT after FROM audit_record WHERE object_id = $1 AND action = 'proposal.receipt_verify' ORDER BY id`,
      [id],
    );
    expect(audits.rows.map((r) => r.after.valid)).toEqual([true, false, false, true, false, false, true, false, true]);
    // Each check shows in the audit view at once (the opening lifted the proposals' embargo).
    const view = await p.call(p.staff, 'GET', `/audit/records?objectType=proposal&objectId=${id}&limit=200`);
    const shown = (view.json().items as { action: string }[]).filter((r) => r.action === 'proposal.receipt_verify');
    expect(shown).toHaveLength(9);
  });

  it('keeps proposal records out of the audit view until the opening, drafts’ too; a cancelled scenario never opens', async () => {
    const [drafting, bidding] = await Promise.all([p.organisation('vendor'), p.organisation('vendor')]);
    const { id: closing } = await p.publishedScenario(agency);
    const { id: cancelling } = await p.publishedScenario(agency);
    const draft = await p.draftProposal(drafting, closing);
    const bid = await p.submittedProposal(bidding, cancelling);
    const shown = async (proposalId: string) =>
      (await p.call(p.staff, 'GET', `/audit/records?objectType=proposal&objectId=${proposalId}`))
        .json()
        .items.map((r: { action: string }) => r.action);
    expect(await shown(draft.id)).toEqual([]);
    expect(await shown(bid.id)).toEqual([]);

    const cancelled = await p.call(agency, 'POST', `/scenarios/${cancelling}/cancel`, {
      reason: '上级部门调整预算安排，本场景暂停实施',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    await p.closeScenario(closing);
    // Nothing to open (a draft only), yet the first read after the closing opens the scenario and lifts it.
    expect((await p.call(p.staff, 'GET', `/scenarios/${closing}/proposals`)).json()).toEqual({
      sealed: false,
      submittedCount: 0,
      notOpenedCount: 0,
      proposals: [],
    });
    expect(await shown(draft.id)).toEqual(['proposal.create']);
    // Cancelled, so never closed nor opened: its proposal records stay embargoed (and in the chain).
    expect(await shown(bid.id)).toEqual([]);
    expect((await p.call(p.staff, 'POST', `/proposals/${bid.id}/receipt/verify`, {})).statusCode).toBe(404);
    const stored = await pg.query(`SELECT action FROM audit_record WHERE object_id = $1 ORDER BY id`, [bid.id]);
    expect(stored.rows.map((r) => r.action)).toEqual(['proposal.create', 'proposal.submit']);
    expect((await p.call(p.staff, 'GET', '/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('offers the evaluation and vendors contexts outcomes, counts and delivered scenarios (contract methods)', async () => {
    const [lead, member] = await Promise.all([p.organisation('vendor'), p.organisation('vendor')]);
    const { id: scenarioId } = await p.publishedScenario(agency);
    const { id } = await p.consortiumProposal(lead, [member], scenarioId);
    const service = t.app.get(ProposalService);
    const ds = t.app.get(DataSource);
    expect(await service.countSubmitted(scenarioId)).toBe(1);
    await expect(service.openedForScenario(scenarioId)).rejects.toMatchObject({ code: 'PROPOSAL_SEALED' });
    const staff = { ...systemContext('outcome'), actor: p.staff };

    await p.closeScenario(scenarioId);
    const [opened] = await service.openedForScenario(scenarioId);
    expect(opened).toMatchObject({ id, status: 'opened', leadOrganisationId: lead.organisationId });
    expect(opened.members.map((m) => m.role).sort()).toEqual(['lead', 'member']);
    await expect(service.applyOutcome(ds.manager, staff, id, 'award')).rejects.toThrow(/transaction/);
    await expect(
      ds.transaction((em) => service.applyOutcome(em, { ...staff, actor: lead }, id, 'award')),
    ).rejects.toMatchObject({ code: 'ACCESS_FORBIDDEN' });
    expect(await ds.transaction((em) => service.applyOutcome(em, staff, id, 'shortlist'))).toEqual({
      proposalId: id,
      from: 'opened',
      to: 'shortlisted',
    });
    await expect(ds.transaction((em) => service.applyOutcome(em, staff, id, 'not_shortlist'))).rejects.toMatchObject({
      code: 'COMMON_INVALID_TRANSITION',
    });
    await ds.transaction((em) => service.applyOutcome(em, staff, id, 'award'));
    const [event] = (
      await pg.query(
        `SELECT payload FROM outbox_event WHERE aggregate_id = $1 AND type = 'proposal.outcome'
        ORDER BY created_at DESC, id DESC LIMIT 1`,
        [id],
      )
    ).rows;
    expect(event.payload).toMatchObject({
      proposalId: id,
      scenarioId,
      transition: 'award',
      from: 'shortlisted',
      to: 'awarded',
    });
    expect(event.payload.memberOrganisationIds.sort()).toEqual([lead.organisationId, member.organisationId].sort());

    expect(await service.deliveredScenarioIdsOf(member.organisationId as string)).toEqual([]);
    await pg.query(`UPDATE scenario SET status = 'accepted' WHERE id = $1`, [scenarioId]);
    expect(await service.deliveredScenarioIdsOf(member.organisationId as string)).toEqual([scenarioId]);
    expect(await service.deliveredScenarioIdsOf(lead.organisationId as string)).toEqual([scenarioId]);
  });
});
