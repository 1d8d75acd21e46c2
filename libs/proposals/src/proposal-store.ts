import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessError, type Actor, canonicalJson, Clock, systemContext } from '@app/common';
import { ScenarioEntity, ScenarioError, scenarioPolicy } from '@app/scenarios';
import type { ProposalDraftContent } from './proposal-content';
import {
  ProposalAttachmentEntity,
  ProposalEntity,
  ProposalMemberEntity,
  type ProposalMemberRole,
  type ProposalMemberStatus,
} from './proposal.entity';
import { ProposalError } from './proposal.errors';
import { isOpenable, ProposalOpeningService } from './proposal-opening.service';
import { attachmentNameAad, contentAad, ProposalSealer } from './proposal-seal';
import { OPENED_PROPOSAL_STATUSES } from './proposal-status';
import type { ProposalAttachmentView, ProposalMemberView, ProposalView } from './proposal.views';

const VENDOR_ROLES = ['vendor_member', 'vendor_admin'] as const;
const isVendorRole = (actor: Actor) => (VENDOR_ROLES as readonly string[]).includes(actor.role);
const isAgencyRole = (actor: Actor) => actor.role === 'agency_officer' || actor.role === 'agency_admin';

export const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * Who reads proposals once opened (besides their vendors and the panel, whose routes are the
 * evaluation context's): centre staff and the owning agency. Platform admins run the platform and
 * see counts only.
 */
export function mayReadOpened(actor: Actor, s: Pick<ScenarioEntity, 'agencyOrganisationId'>): boolean {
  return actor.role === 'staff' || (isAgencyRole(actor) && actor.organisationId === s.agencyOrganisationId);
}

/** How a reader may see a proposal: as one of its vendors, or (staff, owning agency) once opened. */
export type ProposalReader = 'participant' | 'opened';

/**
 * Shared reads and locks of the proposals context: who the caller is to a proposal, sealing and
 * unsealing content, and the parts of the views.
 */
@Injectable()
export class ProposalStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sealer: ProposalSealer,
    private readonly clock: Clock,
    private readonly opening: ProposalOpeningService,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The caller's organisation id, if the caller is a user of a verified vendor. */
  async assertVerifiedVendor(em: EntityManager, actor: Actor): Promise<string> {
    if (!isVendorRole(actor) || !actor.organisationId) throw new ProposalError('PROPOSAL_VENDOR_NOT_VERIFIED');
    const [org] = (await em.query(`SELECT type, status FROM organisation WHERE id = $1`, [actor.organisationId])) as {
      type: string;
      status: string;
    }[];
    if (!org || org.type !== 'vendor' || org.status !== 'verified') {
      throw new ProposalError('PROPOSAL_VENDOR_NOT_VERIFIED');
    }
    return actor.organisationId;
  }

  /**
   * The scenario, share-locked for a proposal write (an amendment or the closing waits until the write
   * commits, and the write waits for them): not found if the actor may not see it.
   */
  async lockScenario(em: EntityManager, actor: Actor | null, scenarioId: string): Promise<ScenarioEntity> {
    const s = await em.findOne(ScenarioEntity, { where: { id: scenarioId }, lock: { mode: 'pessimistic_read' } });
    if (!s || (actor && !scenarioPolicy.canView(actor, s))) throw new ScenarioError('SCENARIO_NOT_FOUND');
    return s;
  }

  /** Refuses a vendor's write unless the scenario is published and its deadline is still ahead (server time). */
  assertAcceptingProposals(s: ScenarioEntity, now: Date): void {
    if (s.status !== 'published') throw new ProposalError('PROPOSAL_SCENARIO_NOT_OPEN', { status: s.status });
    if (!s.proposalDeadline || now.getTime() >= s.proposalDeadline.getTime()) {
      throw new ProposalError('PROPOSAL_DEADLINE_PASSED', { deadline: s.proposalDeadline?.toISOString() ?? null });
    }
  }

  /** The caller's organisation's part in a proposal (not declined), if any. */
  async membershipOf(em: EntityManager, actor: Actor, proposalId: string): Promise<ProposalMemberEntity | null> {
    if (!isVendorRole(actor) || !actor.organisationId) return null;
    const m = await em.findOne(ProposalMemberEntity, {
      where: { proposalId, organisationId: actor.organisationId },
    });
    return m && m.status !== 'declined' ? m : null;
  }

  /**
   * The proposal, locked for a write, with its scenario share-locked first: the order of the evaluation's
   * writes (an award or an upheld objection locks the scenario, then the proposals), so a vendor's write
   * arriving meanwhile waits instead of deadlocking with them. Null when there is no such proposal.
   */
  async lockProposal(em: EntityManager, id: string): Promise<ProposalEntity | null> {
    const found = await em.findOne(ProposalEntity, { where: { id }, select: { id: true, scenarioId: true } });
    if (!found) return null;
    await this.lockScenario(em, null, found.scenarioId);
    return em.findOne(ProposalEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The proposal, locked for a change by its lead vendor (scenario first, see `lockProposal`): not
   * found for anyone who does not take part in it, forbidden for a consortium member.
   */
  async lockForLead(em: EntityManager, actor: Actor, id: string): Promise<ProposalEntity> {
    const p = await this.lockProposal(em, id);
    const m = p && (await this.membershipOf(em, actor, id));
    if (!p || !m) throw new ProposalError('PROPOSAL_NOT_FOUND');
    if (m.role !== 'lead') throw new AccessError('ACCESS_FORBIDDEN');
    await this.assertVerifiedVendor(em, actor);
    return p;
  }

  /** Refuses changes to content, consortium and attachments outside draft and withdrawn. */
  assertEditable(p: ProposalEntity): void {
    if (p.status !== 'draft' && p.status !== 'withdrawn') {
      throw new ProposalError('PROPOSAL_NOT_EDITABLE', { status: p.status });
    }
  }

  /**
   * The proposal if `actor` may read it: its vendors always; staff and the owning agency once it was
   * opened (opening it first if the scenario is due and nothing opened it yet). Not found otherwise, so
   * a sealed proposal's existence is not revealed either.
   */
  async readable(actor: Actor, id: string): Promise<{ p: ProposalEntity; reader: ProposalReader }> {
    const em = this.dataSource.manager;
    const p = await em.findOne(ProposalEntity, { where: { id } });
    if (!p) throw new ProposalError('PROPOSAL_NOT_FOUND');
    if (await this.membershipOf(em, actor, id)) return { p, reader: 'participant' };
    const s = await em.findOne(ScenarioEntity, { where: { id: p.scenarioId } });
    if (!s || !mayReadOpened(actor, s)) throw new ProposalError('PROPOSAL_NOT_FOUND');
    const opened = await this.openedVersion(s, p);
    if (!opened) throw new ProposalError('PROPOSAL_NOT_FOUND');
    return { p: opened, reader: 'opened' };
  }

  /** `p` as it stands after the opening, if it was opened; null while sealed or when it was not opened. */
  private async openedVersion(s: ScenarioEntity, p: ProposalEntity): Promise<ProposalEntity | null> {
    if (!isOpenable(s, this.clock.now())) return null;
    if (OPENED_PROPOSAL_STATUSES.includes(p.status)) return p;
    await this.ensureOpened(s.id);
    const again = await this.dataSource.manager.findOne(ProposalEntity, { where: { id: p.id } });
    return again && OPENED_PROPOSAL_STATUSES.includes(again.status) ? again : null;
  }

  /**
   * Opens a due scenario's proposals if the event handler has not (yet): reads never wait for it.
   * `within`: the caller's transaction, asked whether anything waits (see `ProposalOpeningService.openScenario`).
   */
  async ensureOpened(scenarioId: string, within?: EntityManager): Promise<void> {
    await this.opening.openScenario(systemContext(`proposal-opening:${scenarioId}`), scenarioId, within);
  }

  sealContent(proposalId: string, content: ProposalDraftContent): Buffer {
    return this.sealer.sealText(canonicalJson(content), contentAad(proposalId));
  }

  /** The content's canonical JSON bytes, unsealed (what the receipt's content hash covers). */
  contentBytes(p: ProposalEntity): Buffer {
    return this.sealer.open(p.sealedContent, contentAad(p.id));
  }

  content(p: ProposalEntity): ProposalDraftContent {
    return JSON.parse(this.contentBytes(p).toString('utf8')) as ProposalDraftContent;
  }

  /** The consortia of some proposals, lead first, with the organisations' names. */
  async membersOf(
    em: EntityManager,
    proposalIds: string[],
    onlyConfirmed = false,
  ): Promise<Map<string, ProposalMemberView[]>> {
    const out = new Map<string, ProposalMemberView[]>(proposalIds.map((id) => [id, []]));
    if (proposalIds.length === 0) return out;
    const rows = (await em.query(
      `SELECT m.proposal_id, m.organisation_id, o.name_zh, m.role, m.status, m.invited_at, m.confirmed_at
         FROM proposal_member m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.proposal_id = ANY($1) AND ($2::boolean IS FALSE OR m.status = 'confirmed')
        ORDER BY m.role, m.invited_at, m.organisation_id`,
      [proposalIds, onlyConfirmed],
    )) as {
      proposal_id: string;
      organisation_id: string;
      name_zh: string;
      role: ProposalMemberRole;
      status: ProposalMemberStatus;
      invited_at: Date;
      confirmed_at: Date | null;
    }[];
    for (const r of rows) {
      out.get(r.proposal_id)?.push({
        organisationId: r.organisation_id,
        nameZh: r.name_zh,
        role: r.role,
        status: r.status,
        invitedAt: r.invited_at.toISOString(),
        confirmedAt: r.confirmed_at?.toISOString() ?? null,
      });
    }
    return out;
  }

  /** The attachments of some proposals, oldest first, with their names unsealed. */
  async attachmentsOf(em: EntityManager, proposalIds: string[]): Promise<Map<string, ProposalAttachmentView[]>> {
    const out = new Map<string, ProposalAttachmentView[]>(proposalIds.map((id) => [id, []]));
    if (proposalIds.length === 0) return out;
    const rows = await em.find(ProposalAttachmentEntity, {
      where: { proposalId: In(proposalIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const a of rows) out.get(a.proposalId)?.push(this.attachmentView(a));
    return out;
  }

  attachmentView(a: ProposalAttachmentEntity): ProposalAttachmentView {
    return {
      id: a.id,
      fileName: this.sealer.openText(a.sealedFileName, attachmentNameAad(a.id)),
      mediaType: a.mediaType,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
      createdAt: a.createdAt.toISOString(),
    };
  }

  /** The current receipt's hash of some proposals. */
  async receiptHashesOf(em: EntityManager, proposals: ProposalEntity[]): Promise<Map<string, string>> {
    const ids = proposals.map((p) => p.receiptId).filter((id): id is string => id !== null);
    if (ids.length === 0) return new Map();
    const rows = (await em.query(`SELECT id, receipt_sha256 FROM proposal_receipt WHERE id = ANY($1)`, [ids])) as {
      id: string;
      receipt_sha256: string;
    }[];
    const byReceipt = new Map(rows.map((r) => [r.id, r.receipt_sha256]));
    return new Map(
      proposals.filter((p) => p.receiptId).map((p) => [p.id, byReceipt.get(p.receiptId as string) as string]),
    );
  }

  /** Whole views of some proposals (content unsealed): for readers `readable()` let through. */
  async views(em: EntityManager, proposals: ProposalEntity[]): Promise<ProposalView[]> {
    const ids = proposals.map((p) => p.id);
    // One after the other: `em` may be a transaction's single connection.
    const members = await this.membersOf(em, ids);
    const attachments = await this.attachmentsOf(em, ids);
    const receipts = await this.receiptHashesOf(em, proposals);
    return proposals.map((p) => ({
      id: p.id,
      scenarioId: p.scenarioId,
      leadOrganisationId: p.leadOrganisationId,
      status: p.status,
      version: p.version,
      submittedAt: p.submittedAt?.toISOString() ?? null,
      receiptSha256: receipts.get(p.id) ?? null,
      members: members.get(p.id) ?? [],
      content: this.content(p),
      attachments: attachments.get(p.id) ?? [],
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    }));
  }

  async view(em: EntityManager, p: ProposalEntity): Promise<ProposalView> {
    return (await this.views(em, [p]))[0];
  }
}
