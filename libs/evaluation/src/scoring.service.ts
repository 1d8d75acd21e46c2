import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, Clock, type FieldViolation, ValidationFailedError } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import {
  type OpenedProposal,
  ProposalAttachmentService,
  type ProposalAttachmentDownload,
  ProposalError,
  ProposalService,
} from '@app/proposals';
import type { ActorContext } from '@app/scenarios';
import { ScenarioEntity } from '@app/scenarios';
import { reviewerTotal } from './aggregation';
import type { DeclareConflictsDto, SubmitScoresDto } from './evaluation.dto';
import { CoiDeclarationEntity, type EvaluationEntity, PanelMemberEntity, ScoreEntity } from './evaluation.entity';
import { EvaluationError } from './evaluation.errors';
import { evaluationPolicy } from './evaluation.policy';
import {
  assertOnPanel,
  evaluationById,
  inRubricOrder,
  lockSeat,
  organisationIdentities,
  partiesOf,
  undeclaredCount,
  vendorOrganisationIds,
} from './evaluation-reads';
import { READABLE_EVALUATION_STATUSES } from './evaluation-status';
import {
  ConflictsView,
  MyPanelView,
  MyScoresView,
  type ReviewerProposalView,
  ReviewerProposalsView,
  round2,
} from './evaluation.views';
import { blindLabels, maskContent, maskedFileName, type Pseudonym, saltedOrder } from './masking';
import { eligibility, scoreViolations } from './scoring-rules';
import { vendorParties } from './evaluation.service';

/**
 * Expert evaluation, the reviewers' side: their panels, conflict-of-interest declarations (before
 * anything can be opened), the proposals they may score (masked in a blind first round) and their own
 * scores, revisable until the panel closes. Reviewers never see each other's scores.
 */
@Injectable()
export class ScoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly proposals: ProposalService,
    private readonly attachments: ProposalAttachmentService,
    private readonly clock: Clock,
  ) {}

  /** The panels the reviewer sits on now, newest assignment first. */
  async myPanels(actor: Actor): Promise<MyPanelView[]> {
    evaluationPolicy.assertReviewer(actor);
    const em = this.dataSource.manager;
    const seats = await em
      .getRepository(PanelMemberEntity)
      .createQueryBuilder('m')
      .where('m.reviewer_id = :reviewerId AND m.removed_at IS NULL', { reviewerId: actor.userId })
      .orderBy('m.assigned_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(200)
      .getMany();
    const out: MyPanelView[] = [];
    for (const seat of seats) {
      const e = await evaluationById(em, seat.evaluationId);
      const scenario = await em.findOneOrFail(ScenarioEntity, { where: { id: e.scenarioId } });
      const proposals = await this.openedOrNull(e.scenarioId);
      const vendors = proposals ? vendorOrganisationIds(proposals) : null;
      const mine = await this.myDeclarations(em, e.id, actor.userId);
      const [{ scored }] = (await em.query(
        `SELECT count(DISTINCT proposal_id)::int AS scored FROM score WHERE evaluation_id = $1 AND reviewer_id = $2`,
        [e.id, actor.userId],
      )) as { scored: number }[];
      out.push({
        evaluationId: e.id,
        scenarioId: e.scenarioId,
        scenarioCode: scenario.code,
        scenarioTitle: scenario.title,
        status: e.status,
        masked: e.masked,
        criteria: e.rubric,
        vendorsToDeclare: vendors ? vendors.length : null,
        undeclaredVendors: vendors ? undeclaredCount(mine, vendors) : null,
        scoredProposals: scored,
      });
    }
    return out;
  }

  /** The vendors to declare about (by name, in name order) and the reviewer's declarations so far. */
  async conflicts(actor: Actor, evaluationId: string): Promise<ConflictsView> {
    evaluationPolicy.assertReviewer(actor);
    const em = this.dataSource.manager;
    await assertOnPanel(em, evaluationId, actor.userId);
    const e = await evaluationById(em, evaluationId);
    return this.conflictsView(em, e, await this.proposals.openedForScenario(e.scenarioId), actor.userId);
  }

  /**
   * Records declarations about vendors (any subset, any number of times) until the panel closes. A
   * declared conflict is final: it cannot be turned back into no conflict.
   */
  async declareConflicts(ctx: ActorContext, evaluationId: string, dto: DeclareConflictsDto): Promise<ConflictsView> {
    evaluationPolicy.assertReviewer(ctx.actor);
    const reviewerId = ctx.actor.userId;
    return this.dataSource.transaction(async (em) => {
      await assertOnPanel(em, evaluationId, reviewerId);
      const e = await evaluationById(em, evaluationId, 'pessimistic_read');
      // The reviewer's own requests one at a time: a declared conflict stays final even for two at once.
      await lockSeat(em, e.id, reviewerId);
      if (e.status !== 'setup' && e.status !== 'scoring')
        throw new EvaluationError('EVALUATION_PANEL_LOCKED', { status: e.status });
      const proposals = await this.proposals.openedForScenario(e.scenarioId, em);
      const vendors = new Set(vendorOrganisationIds(proposals));
      const mine = await this.myDeclarations(em, e.id, reviewerId);
      const violations: FieldViolation[] = [];
      const seen = new Set<string>();
      dto.declarations.forEach((d, i) => {
        const field = `declarations[${i}].organisationId`;
        if (!vendors.has(d.organisationId)) violations.push({ field, rule: 'evaluation.not_a_vendor' });
        else if (seen.has(d.organisationId)) violations.push({ field, rule: 'evaluation.duplicate_vendor' });
        seen.add(d.organisationId);
      });
      if (violations.length) throw new ValidationFailedError(violations);
      const withdrawn = dto.declarations.findIndex((d) => !d.conflicted && mine.get(d.organisationId)?.conflicted);
      if (withdrawn >= 0)
        throw new EvaluationError('EVALUATION_CONFLICT_FINAL', {}, `declarations[${withdrawn}].conflicted`);
      await em
        .createQueryBuilder()
        .insert()
        .into(CoiDeclarationEntity)
        .values(
          dto.declarations.map((d) => ({
            evaluationId: e.id,
            reviewerId,
            organisationId: d.organisationId,
            conflicted: d.conflicted,
            note: d.note ?? null,
          })),
        )
        .orUpdate(['conflicted', 'note', 'updated_at'], ['evaluation_id', 'reviewer_id', 'organisation_id'])
        .execute();
      const conflictedOrganisationIds = dto.declarations.filter((d) => d.conflicted).map((d) => d.organisationId);
      await this.outbox.publish(em, ctx, {
        type: 'evaluation.coi_declared',
        aggregateType: 'evaluation',
        aggregateId: e.id,
        payload: {
          evaluationId: e.id,
          scenarioId: e.scenarioId,
          reviewerId,
          declared: dto.declarations.length,
          conflictedOrganisationIds,
        },
      });
      await this.audit.record(em, ctx, {
        action: 'evaluation.declare_conflicts',
        objectType: 'evaluation',
        objectId: e.id,
        before: {
          declared: [...mine.keys()],
          conflicted: [...mine.values()].filter((d) => d.conflicted).map((d) => d.organisationId),
        },
        after: { declared: dto.declarations.map((d) => d.organisationId), conflicted: conflictedOrganisationIds },
      });
      return this.conflictsView(em, e, proposals, reviewerId);
    });
  }

  /**
   * The proposals this reviewer may score: only once scoring opened and they declared about every
   * vendor; without those they declared a conflict with. In a blind round vendors are `Vendor A`, …
   * and names of vendors, team members and reference clients are masked throughout.
   */
  async proposalsToScore(actor: Actor, evaluationId: string): Promise<ReviewerProposalsView> {
    evaluationPolicy.assertReviewer(actor);
    const em = this.dataSource.manager;
    await assertOnPanel(em, evaluationId, actor.userId);
    const e = await evaluationById(em, evaluationId);
    const { proposals, excluded, all } = await this.readable(em, e, actor.userId);
    const pseudonyms = e.masked ? await this.pseudonyms(em, e, all) : null;
    const labels = blindLabels(
      e.id,
      all.map((p) => p.id),
    );
    // While masked, in label order (A, B, …): the order of submission is not for blind reviewers either.
    const position = new Map(
      saltedOrder(
        e.id,
        all.map((p) => p.id),
      ).map((id, i) => [id, i]),
    );
    const listed = pseudonyms ? [...proposals].sort((a, b) => position.get(a.id)! - position.get(b.id)!) : proposals;
    const mine = await em.find(ScoreEntity, { where: { evaluationId: e.id, reviewerId: actor.userId } });
    return {
      evaluationId: e.id,
      status: e.status,
      masked: e.masked,
      criteria: e.rubric,
      excluded,
      proposals: listed.map((p) =>
        this.proposalView(
          e,
          p,
          labels.get(p.id)!,
          pseudonyms,
          mine.filter((s) => s.proposalId === p.id),
        ),
      ),
    };
  }

  /**
   * An attachment of a proposal the reviewer may open (as for the proposal itself). While masked, the
   * download is named like the list names it (`attachment-<n>.<ext>`), never by the vendor's file name.
   */
  async attachment(
    actor: Actor,
    evaluationId: string,
    proposalId: string,
    attachmentId: string,
  ): Promise<ProposalAttachmentDownload> {
    evaluationPolicy.assertReviewer(actor);
    const em = this.dataSource.manager;
    await assertOnPanel(em, evaluationId, actor.userId);
    const e = await evaluationById(em, evaluationId);
    const { proposals } = await this.readable(em, e, actor.userId, proposalId);
    const index = proposals[0].attachments.findIndex((a) => a.id === attachmentId);
    if (index < 0) throw new ProposalError('PROPOSAL_ATTACHMENT_NOT_FOUND');
    const download = await this.attachments.openedAttachment(proposalId, attachmentId);
    if (!e.masked) return download;
    return {
      ...download,
      attachment: { ...download.attachment, fileName: maskedFileName(download.attachment.fileName, index) },
    };
  }

  /**
   * Scores (or re-scores) one proposal on every criterion while the panel is scoring. Refused with
   * 400 naming the criterion when a value is off its scale or a required comment is missing; 409 once
   * the panel closed.
   */
  async submitScores(
    ctx: ActorContext,
    evaluationId: string,
    proposalId: string,
    dto: SubmitScoresDto,
  ): Promise<MyScoresView> {
    evaluationPolicy.assertReviewer(ctx.actor);
    const reviewerId = ctx.actor.userId;
    return this.dataSource.transaction(async (em) => {
      await assertOnPanel(em, evaluationId, reviewerId);
      // Shared: reviewers score side by side; closing the panel (exclusive) waits for them, and they for it.
      const e = await evaluationById(em, evaluationId, 'pessimistic_read');
      // The reviewer's own submissions one at a time (two first scorings would both insert the same keys).
      await lockSeat(em, e.id, reviewerId);
      if (e.status !== 'scoring') throw new EvaluationError('EVALUATION_NOT_SCORING', { status: e.status });
      const { proposals } = await this.readable(em, e, reviewerId, proposalId);
      if (proposals.length === 0) throw new EvaluationError('EVALUATION_PROPOSAL_NOT_FOUND');
      const violations = scoreViolations(e.rubric, dto.scores);
      if (violations.length) throw new ValidationFailedError(violations);
      const existing = await em.find(ScoreEntity, {
        where: { evaluationId: e.id, reviewerId, proposalId },
        lock: { mode: 'pessimistic_write' },
      });
      const revision = Math.max(0, ...existing.map((s) => s.revision)) + 1;
      const now = this.clock.now();
      const firstAt = existing.length ? new Date(Math.min(...existing.map((s) => s.submittedAt.getTime()))) : now;
      // The full set replaces the previous one (the rubric cannot change once scoring opened).
      await em.delete(ScoreEntity, { evaluationId: e.id, reviewerId, proposalId });
      const rows = dto.scores.map((s) =>
        em.create(ScoreEntity, {
          evaluationId: e.id,
          reviewerId,
          proposalId,
          criterionKey: s.criterion,
          value: s.value,
          comment: s.comment ?? null,
          revision,
          submittedAt: firstAt,
          updatedAt: now,
        }),
      );
      await em.insert(ScoreEntity, rows);
      await this.outbox.publish(em, ctx, {
        type: 'evaluation.score_submitted',
        aggregateType: 'evaluation',
        aggregateId: e.id,
        payload: { evaluationId: e.id, scenarioId: e.scenarioId, reviewerId, proposalId, revision },
      });
      await this.audit.record(em, ctx, {
        action: revision === 1 ? 'evaluation.score' : 'evaluation.revise_score',
        objectType: 'evaluation',
        objectId: e.id,
        before: revision === 1 ? null : { proposalId, revision: revision - 1 },
        after: { proposalId, revision, criteria: rows.length },
      });
      const values = Object.fromEntries(rows.map((r) => [r.criterionKey, r.value]));
      return {
        proposalId,
        scores: inRubricOrder(e.rubric, rows).map((r) => ({
          criterion: r.criterionKey,
          value: r.value,
          comment: r.comment,
        })),
        total: round2(reviewerTotal(e.rubric, values)) ?? 0,
        revision,
        updatedAt: now.toISOString(),
      };
    });
  }

  /**
   * The proposals (all, or the one asked for) the reviewer may open: scoring must have opened, every
   * vendor must be declared about, and conflicted ones are left out (asking for one of those is
   * refused). `excluded` counts the conflicted ones.
   */
  private async readable(
    em: EntityManager,
    e: EvaluationEntity,
    reviewerId: string,
    onlyProposalId?: string,
  ): Promise<{ proposals: OpenedProposal[]; excluded: number; all: OpenedProposal[] }> {
    if (!READABLE_EVALUATION_STATUSES.includes(e.status))
      throw new EvaluationError('EVALUATION_NOT_OPEN', { status: e.status });
    const all = await this.proposals.openedForScenario(e.scenarioId, em);
    const vendors = vendorOrganisationIds(all);
    const mine = await this.myDeclarations(em, e.id, reviewerId);
    const missing = undeclaredCount(mine, vendors);
    if (missing > 0)
      throw new EvaluationError('EVALUATION_DECLARATIONS_INCOMPLETE', { vendors: vendors.length, missing });
    const candidates = onlyProposalId ? all.filter((p) => p.id === onlyProposalId) : all;
    if (onlyProposalId && candidates.length === 0) throw new EvaluationError('EVALUATION_PROPOSAL_NOT_FOUND');
    const allowed = candidates.filter((p) => eligibility(mine, partiesOf(p)) === 'eligible');
    if (onlyProposalId && allowed.length === 0) throw new EvaluationError('EVALUATION_CONFLICTED');
    return { proposals: allowed, excluded: candidates.length - allowed.length, all };
  }

  /**
   * Every name of every vendor in the evaluation, to be replaced by its proposal's label, and what else
   * identifies them (credit code, phone, e-mail; contact people, who become `Contact person`).
   */
  private async pseudonyms(em: EntityManager, e: EvaluationEntity, all: OpenedProposal[]): Promise<Pseudonym[]> {
    const labels = blindLabels(
      e.id,
      all.map((p) => p.id),
    );
    const identities = await organisationIdentities(em, vendorOrganisationIds(all));
    return all.flatMap((p) =>
      p.members.flatMap((m) => {
        const label = labels.get(p.id)!;
        const identity = identities.get(m.organisationId);
        return [
          ...[m.nameZh, ...(identity?.names ?? [])].map((name) => ({ name, label })),
          ...(identity ? [{ name: identity.contactName, label: 'Contact person' }] : []),
        ].filter((x) => x.name.trim().length > 0);
      }),
    );
  }

  private proposalView(
    e: EvaluationEntity,
    p: OpenedProposal,
    label: string,
    pseudonyms: Pseudonym[] | null,
    mine: ScoreEntity[],
  ): ReviewerProposalView {
    const myScores = inRubricOrder(e.rubric, mine).map((s) => ({
      criterion: s.criterionKey,
      value: s.value,
      comment: s.comment,
    }));
    const values = Object.fromEntries(mine.map((s) => [s.criterionKey, s.value]));
    const complete = e.rubric.every((c) => values[c.key] !== undefined);
    const scoredAt = mine.length ? new Date(Math.max(...mine.map((s) => s.updatedAt.getTime()))).toISOString() : null;
    const common = {
      proposalId: p.id,
      myScores,
      myTotal: complete ? round2(reviewerTotal(e.rubric, values)) : null,
      scoredAt,
    };
    if (!pseudonyms) {
      const lead = p.members.find((m) => m.role === 'lead');
      return {
        ...common,
        label: lead?.nameZh ?? label,
        masked: false,
        vendors: vendorParties(p),
        submittedAt: p.submittedAt.toISOString(),
        content: p.content,
        attachments: p.attachments.map((a) => ({
          id: a.id,
          fileName: a.fileName,
          mediaType: a.mediaType,
          sizeBytes: a.sizeBytes,
        })),
      };
    }
    return {
      ...common,
      label,
      masked: true,
      vendors: null,
      submittedAt: null,
      content: maskContent(p.content, pseudonyms),
      attachments: p.attachments.map((a, i) => ({
        id: a.id,
        fileName: maskedFileName(a.fileName, i),
        mediaType: a.mediaType,
        sizeBytes: a.sizeBytes,
      })),
    };
  }

  private async conflictsView(
    em: EntityManager,
    e: EvaluationEntity,
    proposals: OpenedProposal[],
    reviewerId: string,
  ): Promise<ConflictsView> {
    const mine = await this.myDeclarations(em, e.id, reviewerId);
    const names = new Map(proposals.flatMap((p) => p.members.map((m) => [m.organisationId, m.nameZh] as const)));
    const vendors = [...names.entries()]
      .map(([organisationId, name]) => {
        const d = mine.get(organisationId);
        return {
          organisationId,
          name,
          declared: !!d,
          conflicted: d ? d.conflicted : null,
          note: d?.note ?? null,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.organisationId < b.organisationId ? -1 : 1));
    return { evaluationId: e.id, complete: vendors.every((v) => v.declared), vendors };
  }

  private async myDeclarations(
    em: EntityManager,
    evaluationId: string,
    reviewerId: string,
  ): Promise<Map<string, CoiDeclarationEntity>> {
    const rows = await em.find(CoiDeclarationEntity, { where: { evaluationId, reviewerId } });
    return new Map(rows.map((d) => [d.organisationId, d]));
  }

  /** The opened proposals, or null while they are still sealed (before the deadline). */
  private async openedOrNull(scenarioId: string): Promise<OpenedProposal[] | null> {
    try {
      return await this.proposals.openedForScenario(scenarioId);
    } catch (err) {
      if (err instanceof ProposalError && err.code === 'PROPOSAL_SEALED') return null;
      throw err;
    }
  }
}
