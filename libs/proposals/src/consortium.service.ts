import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, Not } from 'typeorm';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import type { DomainEvent, DomainEventType } from '@app/queue';
import { ProposalEntity, ProposalMemberEntity } from './proposal.entity';
import { ProposalError } from './proposal.errors';
import { ProposalStore } from './proposal-store';
import { proposalsAuditEmbargo } from './proposal-transitions';
import type { ActorContext } from './proposal.service';
import type { ProposalView } from './proposal.views';

/** A consortium is a lead plus at most this many member vendors. */
export const CONSORTIUM_MEMBERS_MAX = 4;

type ConsortiumChange = 'invite' | 'remove' | 'confirm' | 'decline';
const EVENTS: Record<ConsortiumChange, DomainEventType> = {
  invite: 'proposal.consortium_invited',
  remove: 'proposal.consortium_removed',
  confirm: 'proposal.consortium_confirmed',
  decline: 'proposal.consortium_declined',
};

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return (e?.driverError?.code ?? e?.code) === '23505';
}

/**
 * Consortia (联合体): the lead invites verified vendors (at most 4) while the proposal is a draft; each
 * member confirms or declines; a proposal is submitted only when every member has confirmed. A vendor
 * takes part (leads, or confirmed) in at most one proposal per scenario; an invitation alone does not
 * count, so inviting never reveals whether a vendor takes part elsewhere.
 */
@Injectable()
export class ConsortiumService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ProposalStore,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** The lead invites a verified vendor (again, if it had declined). Inviting a current member changes nothing. */
  async invite(ctx: ActorContext, id: string, organisationId: string): Promise<ProposalView> {
    return this.dataSource.transaction(async (em) => {
      const p = await this.lockForLeadChange(em, ctx, id);
      const invitee = organisationId.toLowerCase();
      const [org] = (await em.query(`SELECT type, status FROM organisation WHERE id = $1`, [invitee])) as {
        type: string;
        status: string;
      }[];
      if (!org || org.type !== 'vendor' || org.status !== 'verified' || invitee === p.leadOrganisationId) {
        throw new ProposalError('PROPOSAL_MEMBER_NOT_ELIGIBLE', {}, 'organisationId');
      }
      const existing = await em.findOne(ProposalMemberEntity, { where: { proposalId: p.id, organisationId: invitee } });
      if (existing && existing.status !== 'declined') return this.store.view(em, p);
      const members = await em.count(ProposalMemberEntity, {
        where: { proposalId: p.id, role: 'member', status: Not('declined') },
      });
      if (members >= CONSORTIUM_MEMBERS_MAX) {
        throw new ProposalError('PROPOSAL_CONSORTIUM_FULL', { max: CONSORTIUM_MEMBERS_MAX });
      }
      const now = this.store.now();
      if (existing) {
        await em.update(
          ProposalMemberEntity,
          { proposalId: p.id, organisationId: invitee },
          { status: 'invited', invitedAt: now, declinedAt: null, confirmedAt: null },
        );
      } else {
        await em.insert(ProposalMemberEntity, {
          proposalId: p.id,
          scenarioId: p.scenarioId,
          organisationId: invitee,
          role: 'member',
          status: 'invited',
          invitedAt: now,
          confirmedAt: null,
          declinedAt: null,
        });
      }
      await this.record(em, ctx, p, 'invite', invitee);
      return this.store.view(em, p);
    });
  }

  /** The lead removes a member (invited, confirmed or declined) while the proposal is editable. */
  async remove(ctx: ActorContext, id: string, organisationId: string): Promise<ProposalView> {
    return this.dataSource.transaction(async (em) => {
      const p = await this.lockForLeadChange(em, ctx, id);
      const member = organisationId.toLowerCase();
      const m = await em.findOne(ProposalMemberEntity, { where: { proposalId: p.id, organisationId: member } });
      if (!m || m.role !== 'member') throw new ProposalError('PROPOSAL_MEMBER_NOT_FOUND');
      await em.delete(ProposalMemberEntity, { proposalId: p.id, organisationId: member });
      await this.record(em, ctx, p, 'remove', member);
      return this.store.view(em, p);
    });
  }

  /** An invited member confirms (idempotent). Refused if it already takes part in another proposal for the scenario. */
  async confirm(ctx: ActorContext, id: string): Promise<ProposalView> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const { p, m } = await this.lockForMember(em, ctx, id);
        if (m.status === 'confirmed') return this.store.view(em, p);
        await em.update(
          ProposalMemberEntity,
          { proposalId: p.id, organisationId: m.organisationId },
          { status: 'confirmed', confirmedAt: this.store.now() },
        );
        await this.record(em, ctx, p, 'confirm', m.organisationId);
        return this.store.view(em, p);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ProposalError('PROPOSAL_ALREADY_EXISTS');
      throw error;
    }
  }

  /** An invited or confirmed member declines (and no longer reads the proposal); it may be invited again. */
  async decline(ctx: ActorContext, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const { p, m } = await this.lockForMember(em, ctx, id);
      await em.update(
        ProposalMemberEntity,
        { proposalId: p.id, organisationId: m.organisationId },
        { status: 'declined', declinedAt: this.store.now(), confirmedAt: null },
      );
      await this.record(em, ctx, p, 'decline', m.organisationId);
    });
  }

  /** Lead, before the deadline, proposal editable. */
  private async lockForLeadChange(em: EntityManager, ctx: ActorContext, id: string): Promise<ProposalEntity> {
    const p = await this.store.lockForLead(em, ctx.actor, id);
    const s = await this.store.lockScenario(em, null, p.scenarioId);
    this.store.assertAcceptingProposals(s, this.store.now());
    this.store.assertEditable(p);
    return p;
  }

  /** A member (not the lead) of the proposal, before the deadline, proposal editable. */
  private async lockForMember(em: EntityManager, ctx: ActorContext, id: string) {
    const p = await this.store.lockProposal(em, id);
    const m = p && (await this.store.membershipOf(em, ctx.actor, id));
    if (!p || !m) throw new ProposalError('PROPOSAL_NOT_FOUND');
    if (m.role !== 'member') throw new ProposalError('PROPOSAL_MEMBER_NOT_FOUND');
    await this.store.assertVerifiedVendor(em, ctx.actor);
    const s = await this.store.lockScenario(em, null, p.scenarioId);
    this.store.assertAcceptingProposals(s, this.store.now());
    this.store.assertEditable(p);
    return { p, m };
  }

  /** Bumps the proposal's version, writes the event and, last, the audit record. */
  private async record(
    em: EntityManager,
    ctx: ActorContext,
    p: ProposalEntity,
    change: ConsortiumChange,
    organisationId: string,
  ): Promise<void> {
    const before = { scenarioId: p.scenarioId, status: p.status, version: p.version };
    p.version += 1;
    await em.save(ProposalEntity, p);
    await this.outbox.publish(em, ctx, {
      type: EVENTS[change],
      aggregateType: 'proposal',
      aggregateId: p.id,
      payload: { proposalId: p.id, scenarioId: p.scenarioId, leadOrganisationId: p.leadOrganisationId, organisationId },
    } as DomainEvent);
    await this.audit.record(em, ctx, {
      action: `proposal.consortium_${change}`,
      objectType: 'proposal',
      objectId: p.id,
      before,
      after: { ...before, version: p.version, organisationId },
      embargo: proposalsAuditEmbargo(p.scenarioId),
    });
  }
}
