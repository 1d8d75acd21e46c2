import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessError, type Actor, isCentreRole, type RequestContext, ValidationFailedError } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import { ScenarioEntity, ScenarioError, ScenarioService } from '@app/scenarios';
import {
  applyContentChanges,
  emptyProposalContent,
  type ProposalContent,
  submissionViolations,
} from './proposal-content';
import type { CreateProposalDto, UpdateProposalDto } from './proposal.dto';
import { ProposalEntity, ProposalMemberEntity } from './proposal.entity';
import { ProposalError } from './proposal.errors';
import { isOpenable, lastAmendmentNo } from './proposal-opening.service';
import { ProposalReceiptService } from './proposal-receipt.service';
import {
  COUNTED_PROPOSAL_STATUSES,
  OPENED_PROPOSAL_STATUSES,
  proposalLifecycle,
  type ProposalOutcomeTransition,
  type ProposalStatus,
} from './proposal-status';
import { mayReadOpened, ProposalStore, sha256Hex } from './proposal-store';
import { ProposalTransitions, proposalsAuditEmbargo } from './proposal-transitions';
import type { OpenedProposal, ProposalSummaryView, ProposalView, ScenarioProposalsView } from './proposal.views';

export type ActorContext = RequestContext & { actor: Actor };

/** The vendor's own transitions (the system opens, flags and excludes; staff record outcomes). */
export type VendorProposalTransition = 'submit' | 'revise' | 'withdraw' | 'reconfirm';

/** Whether a failed write broke a unique constraint (SQLSTATE 23505). */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return (e?.driverError?.code ?? e?.code) === '23505';
}

/**
 * Proposals (揭榜方案): a verified vendor drafts one per scenario (alone or leading a consortium), edits,
 * submits, revises, withdraws and resubmits it until the deadline. The content is sealed until the
 * scenario closes: before that only its vendors read it, and others learn only how many were submitted.
 * Every deadline rule uses server time (`Clock`) read after the row locks are taken, right before the
 * write, so a request that started in time but reaches the write after the deadline is refused.
 */
@Injectable()
export class ProposalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ProposalStore,
    private readonly receipts: ProposalReceiptService,
    private readonly transitions: ProposalTransitions,
    private readonly scenarios: ScenarioService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** A new draft for a published scenario, led by the caller's (verified) vendor. One per vendor and scenario. */
  async create(ctx: ActorContext, scenarioId: string, dto: CreateProposalDto): Promise<ProposalView> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const s = await this.store.lockScenario(em, ctx.actor, scenarioId);
        const orgId = await this.store.assertVerifiedVendor(em, ctx.actor);
        const now = this.store.now();
        this.store.assertAcceptingProposals(s, now);
        const id = randomUUID();
        const content = emptyProposalContent();
        const fields = applyContentChanges(content, plain(dto));
        const p = em.create(ProposalEntity, {
          id,
          scenarioId: s.id,
          leadOrganisationId: orgId,
          status: 'draft',
          sealedContent: this.store.sealContent(id, content),
          submittedAt: null,
          confirmedAmendmentNo: 0,
          receiptId: null,
          version: 1,
          createdBy: ctx.actor.userId,
        });
        await em.insert(ProposalEntity, p);
        await em.insert(ProposalMemberEntity, {
          proposalId: id,
          scenarioId: s.id,
          organisationId: orgId,
          role: 'lead',
          status: 'confirmed',
          invitedAt: now,
          confirmedAt: now,
          declinedAt: null,
        });
        await this.outbox.publish(em, ctx, {
          type: 'proposal.created',
          aggregateType: 'proposal',
          aggregateId: id,
          payload: { proposalId: id, scenarioId: s.id, leadOrganisationId: orgId },
        });
        await this.audit.record(em, ctx, {
          action: 'proposal.create',
          objectType: 'proposal',
          objectId: id,
          after: { scenarioId: s.id, status: 'draft', version: 1, fields, contentSha256: this.contentHash(p) },
          embargo: proposalsAuditEmbargo(s.id),
        });
        const saved = await em.findOneOrFail(ProposalEntity, { where: { id } });
        return this.store.view(em, saved);
      });
    } catch (error) {
      // Concurrent creates by one vendor, or a vendor already in a consortium for this scenario.
      if (isUniqueViolation(error)) throw new ProposalError('PROPOSAL_ALREADY_EXISTS');
      throw error;
    }
  }

  /** Saves content fields of a draft (or withdrawn) proposal, based on the version the lead read. */
  async update(ctx: ActorContext, id: string, dto: UpdateProposalDto): Promise<ProposalView> {
    return this.dataSource.transaction(async (em) => {
      const p = await this.store.lockForLead(em, ctx.actor, id);
      const s = await this.store.lockScenario(em, null, p.scenarioId);
      this.store.assertAcceptingProposals(s, this.store.now());
      this.store.assertEditable(p);
      if (p.version !== dto.version) {
        throw new ProposalError('PROPOSAL_VERSION_CONFLICT', { current: p.version }, 'version');
      }
      const { version: _version, ...changes } = plain(dto);
      const content = this.store.content(p);
      const fields = applyContentChanges(content, changes);
      const before = { scenarioId: p.scenarioId, status: p.status, version: p.version };
      p.sealedContent = this.store.sealContent(p.id, content);
      p.version += 1;
      await em.save(ProposalEntity, p);
      await this.outbox.publish(em, ctx, {
        type: 'proposal.updated',
        aggregateType: 'proposal',
        aggregateId: p.id,
        payload: { proposalId: p.id, scenarioId: p.scenarioId, fields, version: p.version },
      });
      await this.audit.record(em, ctx, {
        action: 'proposal.update',
        objectType: 'proposal',
        objectId: p.id,
        before,
        after: { ...before, version: p.version, fields, contentSha256: this.contentHash(p) },
        embargo: proposalsAuditEmbargo(p.scenarioId),
      });
      return this.store.view(em, p);
    });
  }

  /**
   * The lead vendor's transitions. `submit` and `reconfirm` need every member confirmed and complete
   * content (400 naming each field), and issue a fresh receipt. All are refused once the deadline has
   * passed (409 PROPOSAL_DEADLINE_PASSED) or when the scenario is no longer published.
   */
  async transition(ctx: ActorContext, id: string, transition: VendorProposalTransition): Promise<ProposalView> {
    if (!proposalLifecycle.allows(transition, ctx.actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
    return this.dataSource.transaction(async (em) => {
      const p = await this.store.lockForLead(em, ctx.actor, id);
      const s = await this.store.lockScenario(em, null, p.scenarioId);
      // Server time, read after the locks: the write happens at this instant or not at all.
      const now = this.store.now();
      this.store.assertAcceptingProposals(s, now);
      proposalLifecycle.next(p.status, transition); // refuses an impossible transition before any check below
      const audit: Record<string, unknown> = {};
      if (transition === 'submit' || transition === 'reconfirm') {
        const pending = await em.count(ProposalMemberEntity, { where: { proposalId: p.id, status: 'invited' } });
        if (pending > 0) throw new ProposalError('PROPOSAL_CONSORTIUM_UNCONFIRMED', { pending }, 'consortium');
        const violations = submissionViolations(this.store.content(p), s, now);
        if (violations.length) throw new ValidationFailedError(violations);
        const receipt = await this.receipts.issue(
          em,
          p,
          transition === 'submit' ? 'submission' : 'reconfirmation',
          now,
        );
        p.submittedAt = now;
        p.confirmedAmendmentNo = await lastAmendmentNo(em, s.id);
        Object.assign(audit, {
          receiptId: receipt.id,
          receiptSha256: receipt.receiptSha256,
          contentSha256: receipt.contentSha256,
          confirmedAmendmentNo: p.confirmedAmendmentNo,
        });
      }
      await this.transitions.apply(em, ctx, p, transition, { audit });
      return this.store.view(em, p);
    });
  }

  /** A proposal, whole: for its vendors; for staff and the owning agency once opened. Not found otherwise. */
  async get(actor: Actor, id: string): Promise<ProposalView> {
    const { p } = await this.store.readable(actor, id);
    return this.store.view(this.dataSource.manager, p);
  }

  /** Proposals the caller's organisation leads or was invited to (not declined), newest first; no content. */
  async listMine(actor: Actor): Promise<ProposalSummaryView[]> {
    if (!actor.organisationId) return [];
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.scenario_id, s.code, s.title, s.proposal_deadline, p.lead_organisation_id, m.role,
              m.status AS member_status, p.status, p.submitted_at, p.version, p.updated_at
         FROM proposal_member m
         JOIN proposal p ON p.id = m.proposal_id
         JOIN scenario s ON s.id = p.scenario_id
        WHERE m.organisation_id = $1 AND m.status <> 'declined'
        ORDER BY p.created_at DESC, p.id DESC
        LIMIT 500`,
      [actor.organisationId],
    )) as {
      id: string;
      scenario_id: string;
      code: string | null;
      title: string;
      proposal_deadline: Date | null;
      lead_organisation_id: string;
      role: ProposalSummaryView['role'];
      member_status: ProposalSummaryView['memberStatus'];
      status: ProposalStatus;
      submitted_at: Date | null;
      version: number;
      updated_at: Date;
    }[];
    return rows.map((r) => ({
      id: r.id,
      scenarioId: r.scenario_id,
      scenarioCode: r.code,
      scenarioTitle: r.title,
      proposalDeadline: r.proposal_deadline?.toISOString() ?? null,
      leadOrganisationId: r.lead_organisation_id,
      role: r.role,
      memberStatus: r.member_status,
      status: r.status,
      submittedAt: r.submitted_at?.toISOString() ?? null,
      version: r.version,
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  /**
   * A scenario's proposals for the owning agency and the centre: before the opening only the number
   * submitted; after it, for staff and the owning agency, the opened proposals with their content (and
   * how many were not opened). Platform admins see the number only.
   */
  async forScenario(actor: Actor, scenarioId: string): Promise<ScenarioProposalsView> {
    const em = this.dataSource.manager;
    const s = await this.scenarios.findVisible(em, actor, scenarioId);
    if (!mayReadOpened(actor, s) && !isCentreRole(actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
    if (!isOpenable(s, this.store.now()) || !mayReadOpened(actor, s)) {
      return { sealed: !isOpenable(s, this.store.now()), submittedCount: await this.countSubmitted(s.id) };
    }
    await this.store.ensureOpened(s.id);
    const opened = await em.find(ProposalEntity, {
      where: { scenarioId: s.id, status: In([...OPENED_PROPOSAL_STATUSES]) },
      order: { submittedAt: 'ASC', id: 'ASC' },
    });
    const notOpenedCount = await em.count(ProposalEntity, { where: { scenarioId: s.id, status: 'not_opened' } });
    return {
      sealed: false,
      submittedCount: opened.length,
      notOpenedCount,
      proposals: await this.store.views(em, opened),
    };
  }

  // ---- For other contexts (evaluation, delivery, vendors): names fixed by the cross-context contract. ----

  /**
   * The scenario's opened proposals with content, for the evaluation context (which applies its own
   * access rules). Throws PROPOSAL_SEALED until the deadline has passed and the scenario is closed;
   * opens the proposals first if nothing did yet. A caller inside a transaction passes its manager:
   * the reads then run on that connection (waiting for a second one from the pool while holding the
   * first starves the pool when enough requests do it at once).
   */
  async openedForScenario(scenarioId: string, within?: EntityManager): Promise<OpenedProposal[]> {
    const em = within ?? this.dataSource.manager;
    const s = await em.findOne(ScenarioEntity, { where: { id: scenarioId } });
    if (!s) throw new ScenarioError('SCENARIO_NOT_FOUND');
    if (!isOpenable(s, this.store.now())) throw new ProposalError('PROPOSAL_SEALED');
    await this.store.ensureOpened(s.id, within);
    const proposals = await em.find(ProposalEntity, {
      where: { scenarioId, status: In([...OPENED_PROPOSAL_STATUSES]) },
      order: { submittedAt: 'ASC', id: 'ASC' },
    });
    const ids = proposals.map((p) => p.id);
    const members = await this.store.membersOf(em, ids, true);
    const attachments = await this.store.attachmentsOf(em, ids);
    return proposals.map((p) => ({
      id: p.id,
      scenarioId: p.scenarioId,
      leadOrganisationId: p.leadOrganisationId,
      members: (members.get(p.id) ?? []).map((m) => ({
        organisationId: m.organisationId,
        nameZh: m.nameZh,
        role: m.role,
      })),
      status: p.status,
      submittedAt: p.submittedAt as Date,
      content: this.store.content(p) as ProposalContent,
      attachments: (attachments.get(p.id) ?? []).map((a) => ({
        id: a.id,
        fileName: a.fileName,
        mediaType: a.mediaType,
        sizeBytes: a.sizeBytes,
        sha256: a.sha256,
      })),
    }));
  }

  /**
   * How many proposals count as submitted: submitted and confirmed after the last material amendment,
   * or opened. The one fact about a scenario's proposals shown before the deadline.
   */
  async countSubmitted(scenarioId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM proposal p
        WHERE p.scenario_id = $1
          AND (p.status = ANY($2) OR (p.status = 'submitted' AND p.confirmed_amendment_no >= (
                SELECT coalesce(max(amendment_no), 0) FROM scenario_amendment a
                 WHERE a.scenario_id = $1 AND a.material)))`,
      [scenarioId, COUNTED_PROPOSAL_STATUSES.filter((st) => st !== 'submitted')],
    )) as { n: number }[];
    return row.n;
  }

  /**
   * An evaluation outcome (shortlist, not_shortlist, award, mark_unsuccessful, reopen) inside the
   * caller's transaction: the machine, the event and the audit record. Staff only (or the system).
   */
  async applyOutcome(
    em: EntityManager,
    ctx: RequestContext,
    proposalId: string,
    transition: ProposalOutcomeTransition,
  ): Promise<{ proposalId: string; from: ProposalStatus; to: ProposalStatus }> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('ProposalService.applyOutcome must run inside the caller’s transaction');
    }
    if (!proposalLifecycle.allows(transition, ctx.actor?.role ?? 'system')) throw new AccessError('ACCESS_FORBIDDEN');
    const p = await em.findOne(ProposalEntity, { where: { id: proposalId }, lock: { mode: 'pessimistic_write' } });
    if (!p) throw new ProposalError('PROPOSAL_NOT_FOUND');
    const from = p.status;
    await this.transitions.apply(em, ctx, p, transition);
    return { proposalId: p.id, from, to: p.status };
  }

  /**
   * Scenarios the organisation delivered on this platform: accepted (or demonstration) scenarios whose
   * awarded proposal it led or joined (confirmed). Vendors' past cases linked to them count as verified.
   */
  async deliveredScenarioIdsOf(organisationId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT p.scenario_id
         FROM proposal p
         JOIN proposal_member m ON m.proposal_id = p.id AND m.status = 'confirmed'
         JOIN scenario s ON s.id = p.scenario_id
        WHERE m.organisation_id = $1 AND p.status = 'awarded' AND s.status IN ('accepted', 'demonstration')
        ORDER BY p.scenario_id`,
      [organisationId],
    )) as { scenario_id: string }[];
    return rows.map((r) => r.scenario_id);
  }

  private contentHash(p: ProposalEntity): string {
    return sha256Hex(this.store.contentBytes(p));
  }
}

/** A DTO as a plain object (class-transformer instances), so the sealed JSON holds data only. */
function plain<T extends object>(dto: T): Record<string, unknown> & T {
  return JSON.parse(JSON.stringify(dto ?? {})) as Record<string, unknown> & T;
}
