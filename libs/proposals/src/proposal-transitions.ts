import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import type { DomainEvent, DomainEventType } from '@app/queue';
import { ProposalEntity } from './proposal.entity';
import { proposalLifecycle, type ProposalTransition } from './proposal-status';

/** The event each transition raises. */
export const PROPOSAL_TRANSITION_EVENTS: Record<ProposalTransition, DomainEventType> = {
  submit: 'proposal.submitted',
  revise: 'proposal.revised',
  withdraw: 'proposal.withdrawn',
  require_reconfirmation: 'proposal.reconfirmation_required',
  reconfirm: 'proposal.reconfirmed',
  open: 'proposal.opened',
  exclude: 'proposal.excluded',
  shortlist: 'proposal.outcome',
  not_shortlist: 'proposal.outcome',
  award: 'proposal.outcome',
  mark_unsuccessful: 'proposal.outcome',
  reopen: 'proposal.outcome',
};

export interface TransitionRecord {
  /** Extra event payload (ids and numbers only). */
  event?: Record<string, string | number | null>;
  /** Extra audit facts (ids, statuses, hashes only). */
  audit?: Record<string, unknown>;
}

/**
 * The audit embargo of a scenario's proposal records: every audit record about a proposal is written
 * under it, so the audit view shows none of them (not even that a vendor bids) until the opening lifts
 * it (`ProposalOpeningService.openScenario`). Records written after the opening show at once. A
 * cancelled scenario is never opened: its proposal records stay embargoed (`audit:verify` checks them).
 */
export const proposalsAuditEmbargo = (scenarioId: string): string => `proposals:${scenarioId}`;

/** Organisations taking part in a proposal: the lead and the members who confirmed. */
export async function participatingOrganisationIds(em: EntityManager, proposalId: string): Promise<string[]> {
  const rows = (await em.query(
    `SELECT organisation_id FROM proposal_member WHERE proposal_id = $1 AND status = 'confirmed'
      ORDER BY role, organisation_id`,
    [proposalId],
  )) as { organisation_id: string }[];
  return rows.map((r) => r.organisation_id);
}

/**
 * The one way a proposal's status changes: the machine, the write, the outbox event and, last, the audit
 * record, all in the caller's transaction. Who may make the transition is checked by the caller.
 */
@Injectable()
export class ProposalTransitions {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async apply(
    em: EntityManager,
    ctx: RequestContext,
    p: ProposalEntity,
    transition: ProposalTransition,
    record: TransitionRecord = {},
  ): Promise<ProposalEntity> {
    const from = p.status;
    const to = proposalLifecycle.next(from, transition);
    const versionBefore = p.version;
    p.status = to;
    p.version += 1;
    await em.save(ProposalEntity, p);
    const payload = {
      proposalId: p.id,
      scenarioId: p.scenarioId,
      leadOrganisationId: p.leadOrganisationId,
      memberOrganisationIds: await participatingOrganisationIds(em, p.id),
      from,
      to,
      ...(PROPOSAL_TRANSITION_EVENTS[transition] === 'proposal.outcome' ? { transition } : {}),
      ...record.event,
    };
    await this.outbox.publish(em, ctx, {
      type: PROPOSAL_TRANSITION_EVENTS[transition],
      aggregateType: 'proposal',
      aggregateId: p.id,
      payload,
    } as DomainEvent);
    await this.audit.record(em, ctx, {
      action: `proposal.${transition}`,
      objectType: 'proposal',
      objectId: p.id,
      before: { scenarioId: p.scenarioId, status: from, version: versionBefore },
      after: { scenarioId: p.scenarioId, status: to, version: p.version, ...record.audit },
      embargo: proposalsAuditEmbargo(p.scenarioId),
    });
    return p;
  }
}
