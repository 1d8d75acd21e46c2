import type { EntityManager } from 'typeorm';
import type { OpenedProposal } from '@app/proposals';
import type { ReviewerScores } from './aggregation';
import { CoiDeclarationEntity, EvaluationEntity, PanelMemberEntity, ScoreEntity } from './evaluation.entity';
import { EvaluationError } from './evaluation.errors';
import type { Rubric } from './rubric';
import type { Declarations, ProposalParties } from './scoring-rules';

type LockMode = 'pessimistic_write' | 'pessimistic_read';

/** The evaluation of a scenario (locked when asked), or not found. */
export async function evaluationOfScenario(
  em: EntityManager,
  scenarioId: string,
  lock?: LockMode,
): Promise<EvaluationEntity> {
  const e = await em.findOne(EvaluationEntity, { where: { scenarioId }, ...(lock ? { lock: { mode: lock } } : {}) });
  if (!e) throw new EvaluationError('EVALUATION_NOT_FOUND');
  return e;
}

export async function evaluationById(em: EntityManager, id: string, lock?: LockMode): Promise<EvaluationEntity> {
  const e = await em.findOne(EvaluationEntity, { where: { id }, ...(lock ? { lock: { mode: lock } } : {}) });
  if (!e) throw new EvaluationError('EVALUATION_NOT_FOUND');
  return e;
}

/** The current panel (members not removed), in the order they were assigned. */
export function currentPanel(em: EntityManager, evaluationId: string): Promise<PanelMemberEntity[]> {
  return em
    .getRepository(PanelMemberEntity)
    .createQueryBuilder('m')
    .where('m.evaluation_id = :evaluationId AND m.removed_at IS NULL', { evaluationId })
    .orderBy('m.assigned_at', 'ASC')
    .addOrderBy('m.id', 'ASC')
    .getMany();
}

/** The evaluation a reviewer sits on now; not found otherwise (a panel's existence is not revealed). */
export async function assertOnPanel(em: EntityManager, evaluationId: string, reviewerId: string): Promise<void> {
  const seat = await em
    .getRepository(PanelMemberEntity)
    .createQueryBuilder('m')
    .where('m.evaluation_id = :evaluationId AND m.reviewer_id = :reviewerId AND m.removed_at IS NULL', {
      evaluationId,
      reviewerId,
    })
    .getOne();
  if (!seat) throw new EvaluationError('EVALUATION_NOT_FOUND');
}

/**
 * The reviewer's current seat, locked: one reviewer's own writes (scores, declarations) then run one
 * after the other. Take it after the evaluation's lock (the order every writer follows).
 */
export async function lockSeat(em: EntityManager, evaluationId: string, reviewerId: string): Promise<void> {
  const seat = await em
    .getRepository(PanelMemberEntity)
    .createQueryBuilder('m')
    .setLock('pessimistic_write')
    .where('m.evaluation_id = :evaluationId AND m.reviewer_id = :reviewerId AND m.removed_at IS NULL', {
      evaluationId,
      reviewerId,
    })
    .getOne();
  if (!seat) throw new EvaluationError('EVALUATION_NOT_FOUND');
}

/** Each reviewer's declarations, by vendor organisation. */
export async function declarationsByReviewer(
  em: EntityManager,
  evaluationId: string,
): Promise<Map<string, Map<string, CoiDeclarationEntity>>> {
  const rows = await em.find(CoiDeclarationEntity, { where: { evaluationId } });
  const out = new Map<string, Map<string, CoiDeclarationEntity>>();
  for (const d of rows) {
    const mine = out.get(d.reviewerId) ?? new Map<string, CoiDeclarationEntity>();
    mine.set(d.organisationId, d);
    out.set(d.reviewerId, mine);
  }
  return out;
}

export function partiesOf(p: OpenedProposal): ProposalParties {
  return { proposalId: p.id, organisationIds: p.members.map((m) => m.organisationId) };
}

/** Every vendor organisation taking part in any of the proposals (lead or member), once. */
export function vendorOrganisationIds(proposals: readonly OpenedProposal[]): string[] {
  return [...new Set(proposals.flatMap((p) => p.members.map((m) => m.organisationId)))];
}

export function undeclaredCount(declarations: Declarations, vendorIds: readonly string[]): number {
  return vendorIds.filter((id) => !declarations.has(id)).length;
}

export async function displayNames(em: EntityManager, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = (await em.query(`SELECT id, display_name FROM app_user WHERE id = ANY ($1)`, [userIds])) as {
    id: string;
    display_name: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** What identifies an organisation in a text: what blind review must hide. */
export interface OrganisationIdentity {
  /** Its names (Chinese and, when given, English), its unified social credit code, its phone and e-mail. */
  names: string[];
  /** Its contact person. */
  contactName: string;
}

/** Organisations' names and identifying registration details, by id. */
export async function organisationIdentities(
  em: EntityManager,
  ids: readonly string[],
): Promise<Map<string, OrganisationIdentity>> {
  if (ids.length === 0) return new Map();
  const rows = (await em.query(
    `SELECT id, name_zh, name_en, uscc, contact_name, contact_phone, contact_email FROM organisation WHERE id = ANY ($1)`,
    [ids],
  )) as {
    id: string;
    name_zh: string;
    name_en: string | null;
    uscc: string;
    contact_name: string;
    contact_phone: string;
    contact_email: string;
  }[];
  return new Map(
    rows.map((r) => [
      r.id,
      {
        names: [r.name_zh, r.name_en, r.uscc, r.contact_phone, r.contact_email].filter((x): x is string => !!x),
        contactName: r.contact_name,
      },
    ]),
  );
}

/** A reviewer's scores of one proposal, as stored. */
export interface ScoreSet {
  reviewerId: string;
  proposalId: string;
  rows: ScoreEntity[];
}

/** Scores grouped by (reviewer, proposal). */
export async function scoreSets(em: EntityManager, evaluationId: string, proposalId?: string): Promise<ScoreSet[]> {
  const rows = await em.find(ScoreEntity, {
    where: { evaluationId, ...(proposalId ? { proposalId } : {}) },
    order: { reviewerId: 'ASC', proposalId: 'ASC', criterionKey: 'ASC' },
  });
  const sets = new Map<string, ScoreSet>();
  for (const r of rows) {
    const key = `${r.reviewerId}:${r.proposalId}`;
    const set = sets.get(key) ?? { reviewerId: r.reviewerId, proposalId: r.proposalId, rows: [] };
    set.rows.push(r);
    sets.set(key, set);
  }
  return [...sets.values()];
}

/** The set as aggregation input, if it scores every criterion of the rubric (else null). */
export function completeScores(rubric: Rubric, set: ScoreSet): ReviewerScores | null {
  const values = Object.fromEntries(set.rows.map((r) => [r.criterionKey, r.value]));
  if (!rubric.every((c) => values[c.key] !== undefined && values[c.key] <= c.scaleMax)) return null;
  return { reviewerId: set.reviewerId, values };
}

/** Rows ordered as the rubric lists its criteria (for views). */
export function inRubricOrder(rubric: Rubric, rows: readonly ScoreEntity[]): ScoreEntity[] {
  const order = new Map(rubric.map((c, i) => [c.key, i]));
  return rows
    .filter((r) => order.has(r.criterionKey))
    .sort((a, b) => order.get(a.criterionKey)! - order.get(b.criterionKey)!);
}
