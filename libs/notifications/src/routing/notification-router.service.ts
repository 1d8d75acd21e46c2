import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertNever, Clock, huzhouDate } from '@app/common';
import { AppConfig } from '@app/config';
import type { DomainEventJobData } from '@app/queue';
import { SavedSearchService } from '../channels.module';
import { FanoutService } from '../fanout/fanout.service';
import { eventKeyOf, type NotificationIntent, type RecipientSpec } from '../notification-jobs';
import type { NotificationParamsMap, NotificationType } from '../notification-types';
import { mayProduce, type NotifyingEvent } from './notification-producers';

export * from './notification-producers';

/** Proposal statuses of vendors still bidding (told of amendments, answers and deadlines). */
const BIDDING = ['draft', 'submitted', 'reconfirmation_required'];
/** Vendors with work to finish before the deadline (deadline reminders). */
const DRAFTING = ['draft', 'reconfirmation_required'];

const VETTING_DECISIONS: Record<string, NotificationParamsMap['scenario.vetting_decision']['decision']> = {
  approve: 'approved',
  return: 'returned',
  reject: 'rejected',
  publish: 'published',
};

interface ScenarioFacts {
  scenarioId: string;
  scenarioTitle: string;
  agencyOrganisationId: string;
}

/**
 * Routing: a domain event → the notifications it raises (type, params, recipients, webhook
 * organisations), handed to the fan-out. Reads other contexts' tables (never writes them). Idempotent:
 * event keys derive from the event id; the matched-scenario cap is recorded per (vendor, scenario).
 * Params never carry sealed content or who asked a question.
 */
@Injectable()
export class NotificationRouter {
  private readonly logger = new Logger(NotificationRouter.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly savedSearches: SavedSearchService,
    private readonly fanout: FanoutService,
  ) {}

  /** Routes the event and queues its fan-outs; returns the intents (for tests and logs). */
  async route(event: DomainEventJobData): Promise<NotificationIntent[]> {
    const intents = await this.intentsFor(event as DomainEventJobData<NotifyingEvent>);
    await this.fanout.enqueue(intents);
    return intents;
  }

  private intent<T extends NotificationType>(
    event: DomainEventJobData,
    type: T,
    params: NotificationParamsMap[T],
    recipients: RecipientSpec,
    options: { discriminator?: string; webhookOrganisationIds?: string[] } = {},
  ): NotificationIntent<T> {
    // The routing table (NOTIFICATIONS_BY_EVENT) is the documented truth: a route outside it is a bug.
    if (!mayProduce(event.type, type)) {
      throw new Error(`Routing bug: ${event.type} may not raise ${type} (see NOTIFICATIONS_BY_EVENT)`);
    }
    return {
      eventKey: eventKeyOf(event.eventId, type, options.discriminator),
      type,
      params,
      recipients,
      webhookOrganisationIds: options.webhookOrganisationIds,
      occurredAt: event.occurredAt,
    };
  }

  private async scenario(scenarioId: string): Promise<ScenarioFacts | null> {
    const [row] = (await this.dataSource.query(`SELECT id, title, agency_organisation_id FROM scenario WHERE id = $1`, [
      scenarioId,
    ])) as { id: string; title: string; agency_organisation_id: string }[];
    return row
      ? { scenarioId: row.id, scenarioTitle: row.title, agencyOrganisationId: row.agency_organisation_id }
      : null;
  }

  private async proposerOrganisations(scenarioId: string, statuses: string[]): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT m.organisation_id FROM proposal p
         JOIN proposal_member m ON m.proposal_id = p.id AND m.status = 'confirmed'
        WHERE p.scenario_id = $1 AND p.status = ANY ($2::text[])`,
      [scenarioId, statuses],
    )) as { organisation_id: string }[];
    return rows.map((r) => r.organisation_id);
  }

  private async proposalOrganisations(proposalIds: string[]): Promise<Map<string, string[]>> {
    const rows = (await this.dataSource.query(
      `SELECT proposal_id, array_agg(organisation_id ORDER BY organisation_id) AS orgs FROM proposal_member
        WHERE proposal_id = ANY ($1::uuid[]) AND status = 'confirmed' GROUP BY proposal_id`,
      [proposalIds],
    )) as { proposal_id: string; orgs: string[] }[];
    return new Map(rows.map((r) => [r.proposal_id, r.orgs]));
  }

  async intentsFor(event: DomainEventJobData<NotifyingEvent>): Promise<NotificationIntent[]> {
    const e = event as DomainEventJobData;
    switch (event.type) {
      case 'matching.scenario_matched':
        return this.matched(e as DomainEventJobData<'matching.scenario_matched'>);
      case 'matching.vendor_invited': {
        const p = (e as DomainEventJobData<'matching.vendor_invited'>).payload;
        const s = await this.scenario(p.scenarioId);
        if (!s) return [];
        const org = p.vendorOrganisationId;
        return [
          this.intent(
            e,
            'matching.invited',
            {
              scenarioId: s.scenarioId,
              scenarioTitle: s.scenarioTitle,
              organisationId: org,
              invitationId: p.invitationId,
            },
            { organisationIds: [org] },
            { webhookOrganisationIds: [org] },
          ),
        ];
      }
      case 'scenario.transitioned':
        return this.transitioned(e as DomainEventJobData<'scenario.transitioned'>);
      case 'scenario.amended': {
        const p = (e as DomainEventJobData<'scenario.amended'>).payload;
        const s = await this.scenario(p.scenarioId);
        if (!s) return [];
        return [
          this.intent(
            e,
            'scenario.amended',
            {
              scenarioId: s.scenarioId,
              scenarioTitle: s.scenarioTitle,
              amendmentNo: p.amendmentNo,
              material: p.material,
              deadlineExtended: p.deadlineExtended,
              proposalDeadline: p.proposalDeadline,
            },
            { followersOfScenarioId: s.scenarioId, proposersOf: { scenarioId: s.scenarioId, statuses: BIDDING } },
            { webhookOrganisationIds: await this.proposerOrganisations(s.scenarioId, BIDDING) },
          ),
        ];
      }
      case 'scenario.question_answered': {
        // Followers and bidders: the asker is not singled out (questions are anonymous; the event never says who).
        const p = (e as DomainEventJobData<'scenario.question_answered'>).payload;
        const s = await this.scenario(p.scenarioId);
        if (!s) return [];
        return [
          this.intent(
            e,
            'scenario.question_answered',
            { scenarioId: s.scenarioId, scenarioTitle: s.scenarioTitle, questionId: p.questionId, revised: p.revised },
            { followersOfScenarioId: s.scenarioId, proposersOf: { scenarioId: s.scenarioId, statuses: BIDDING } },
          ),
        ];
      }
      case 'scenario.deadline_reminder': {
        const p = (e as DomainEventJobData<'scenario.deadline_reminder'>).payload;
        const s = await this.scenario(p.scenarioId);
        if (!s) return [];
        return [
          this.intent(
            e,
            'scenario.deadline_reminder',
            {
              scenarioId: s.scenarioId,
              scenarioTitle: s.scenarioTitle,
              daysBefore: p.daysBefore,
              proposalDeadline: p.proposalDeadline,
            },
            { followersOfScenarioId: s.scenarioId, proposersOf: { scenarioId: s.scenarioId, statuses: DRAFTING } },
          ),
        ];
      }
      case 'proposal.opening_completed': {
        const p = (e as DomainEventJobData<'proposal.opening_completed'>).payload;
        const s = await this.scenario(p.scenarioId);
        if (!s) return [];
        return [
          this.intent(
            e,
            'scenario.proposals_at_closing',
            {
              scenarioId: s.scenarioId,
              scenarioTitle: s.scenarioTitle,
              openedCount: p.openedCount,
              excludedCount: p.excludedCount,
            },
            { organisationIds: [s.agencyOrganisationId] },
            { webhookOrganisationIds: [s.agencyOrganisationId] },
          ),
        ];
      }
      case 'organisation.verified':
      case 'organisation.rejected': {
        const p = e.payload as { organisationId: string; reason?: string };
        const [org] = (await this.dataSource.query(`SELECT name_zh FROM organisation WHERE id = $1`, [
          p.organisationId,
        ])) as { name_zh: string }[];
        if (!org) return [];
        return [
          this.intent(
            e,
            'organisation.verification_result',
            {
              organisationId: p.organisationId,
              organisationName: org.name_zh,
              result: event.type === 'organisation.verified' ? 'verified' : 'rejected',
              reason: p.reason ?? null,
            },
            { organisationIds: [p.organisationId] },
            { webhookOrganisationIds: [p.organisationId] },
          ),
        ];
      }
      case 'evaluation.panel_assigned':
      case 'evaluation.scoring_opened': {
        const p = e.payload as { evaluationId: string; scenarioId: string; reviewerIds: string[] };
        const s = await this.scenario(p.scenarioId);
        if (!s) return [];
        const type =
          event.type === 'evaluation.panel_assigned' ? 'evaluation.panel_assigned' : 'evaluation.scoring_opened';
        return [
          this.intent(
            e,
            type,
            { scenarioId: s.scenarioId, scenarioTitle: s.scenarioTitle, evaluationId: p.evaluationId },
            { userIds: p.reviewerIds },
          ),
        ];
      }
      case 'evaluation.panel_closed': {
        const p = (e as DomainEventJobData<'evaluation.panel_closed'>).payload;
        const s = await this.scenario(p.scenarioId);
        if (!s) return [];
        const reviewers = (await this.dataSource.query(
          `SELECT DISTINCT reviewer_id FROM panel_member WHERE evaluation_id = $1 AND removed_at IS NULL`,
          [p.evaluationId],
        )) as { reviewer_id: string }[];
        return [
          this.intent(
            e,
            'evaluation.panel_closed',
            { scenarioId: s.scenarioId, scenarioTitle: s.scenarioTitle, evaluationId: p.evaluationId },
            { userIds: reviewers.map((r) => r.reviewer_id), organisationIds: [s.agencyOrganisationId] },
          ),
        ];
      }
      case 'award.decided':
        return this.awardDecided(e as DomainEventJobData<'award.decided'>);
      case 'objection.lodged':
      case 'objection.upheld':
      case 'objection.dismissed':
      case 'objection.lapsed': {
        const p = e.payload as { objectionId: string; decisionId: string; scenarioId: string; proposalId: string };
        const status = event.type.slice('objection.'.length) as 'lodged' | 'upheld' | 'dismissed' | 'lapsed';
        const s = await this.scenario(p.scenarioId);
        const [objection] = (await this.dataSource.query(`SELECT organisation_id FROM objection WHERE id = $1`, [
          p.objectionId,
        ])) as { organisation_id: string }[];
        if (!s || !objection) return [];
        // The objecting organisation and its consortium partners on the proposal, and the agency.
        const proposalIds = [p.proposalId];
        if (status === 'upheld') {
          // The decision is set aside: its winners lose the award and must hear of it too.
          const [decision] = (await this.dataSource.query(
            `SELECT coalesce(array_agg(w->>'proposalId') FILTER (WHERE w IS NOT NULL), '{}') AS ids
               FROM award_decision d LEFT JOIN LATERAL jsonb_array_elements(d.winners) w ON true WHERE d.id = $1`,
            [p.decisionId],
          )) as { ids: string[] }[];
          proposalIds.push(...(decision?.ids ?? []));
        }
        const byProposal = await this.proposalOrganisations(proposalIds);
        const orgs = [
          ...new Set([
            objection.organisation_id,
            ...proposalIds.flatMap((id) => byProposal.get(id) ?? []),
            s.agencyOrganisationId,
          ]),
        ];
        // A lodged objection is the centre's to decide: its staff are told (they act on the others themselves).
        const staff =
          status === 'lodged'
            ? ((await this.dataSource.query(
                `SELECT id FROM app_user WHERE role = 'staff' AND status = 'active' ORDER BY id`,
              )) as { id: string }[])
            : [];
        return [
          this.intent(
            e,
            'objection.update',
            {
              scenarioId: s.scenarioId,
              scenarioTitle: s.scenarioTitle,
              objectionId: p.objectionId,
              proposalId: p.proposalId,
              status,
            },
            { organisationIds: orgs, ...(staff.length ? { userIds: staff.map((u) => u.id) } : {}) },
            { webhookOrganisationIds: orgs },
          ),
        ];
      }
      case 'delivery.milestone_due':
      case 'delivery.milestone_overdue': {
        const p = (e as DomainEventJobData<'delivery.milestone_due'>).payload;
        const s = await this.scenario(p.scenarioId);
        if (!s) return [];
        const orgs = [p.leadOrganisationId, p.agencyOrganisationId];
        return [
          this.intent(
            e,
            event.type === 'delivery.milestone_due' ? 'delivery.milestone_due' : 'delivery.milestone_overdue',
            {
              scenarioId: s.scenarioId,
              scenarioTitle: s.scenarioTitle,
              deliveryId: p.deliveryId,
              milestoneId: p.milestoneId,
              dueDate: p.dueDate,
            },
            { organisationIds: orgs },
            { webhookOrganisationIds: orgs },
          ),
        ];
      }
      case 'delivery.acceptance_recorded': {
        const p = (e as DomainEventJobData<'delivery.acceptance_recorded'>).payload;
        if (p.outcome === 'awaiting_verdicts') return []; // a result once both parties have spoken
        const s = await this.scenario(p.scenarioId);
        if (!s) return [];
        const vendors = (await this.dataSource.query(
          `SELECT DISTINCT unnest(member_organisation_ids) AS org FROM delivery WHERE scenario_id = $1`,
          [p.scenarioId],
        )) as { org: string }[];
        const orgs = [...new Set([s.agencyOrganisationId, ...vendors.map((v) => v.org)])];
        return [
          this.intent(
            e,
            'delivery.acceptance_result',
            {
              scenarioId: s.scenarioId,
              scenarioTitle: s.scenarioTitle,
              roundNo: p.roundNo,
              party: p.party,
              verdict: p.verdict,
              outcome: p.outcome,
            },
            { organisationIds: orgs },
            { webhookOrganisationIds: orgs },
          ),
        ];
      }
      default:
        return assertNever(event.type as never);
    }
  }

  private async transitioned(e: DomainEventJobData<'scenario.transitioned'>): Promise<NotificationIntent[]> {
    const p = e.payload;
    const intents: NotificationIntent[] = [];
    const decision = VETTING_DECISIONS[p.transition];
    const s = decision || p.to === 'published' ? await this.scenario(p.scenarioId) : null;
    if (!s) return [];
    if (decision) {
      intents.push(
        this.intent(
          e,
          'scenario.vetting_decision',
          {
            scenarioId: s.scenarioId,
            scenarioTitle: s.scenarioTitle,
            decision,
            transition: p.transition,
            reason: p.reason,
          },
          { organisationIds: [p.agencyOrganisationId] },
          { webhookOrganisationIds: [p.agencyOrganisationId] },
        ),
      );
    }
    if (p.to === 'published') {
      // One notification per user, naming the saved search that matched (the user's oldest matching one).
      // The event key's discriminator is the user (not the search), so a re-run after the user changed
      // their searches still finds the notification already raised and adds nothing.
      for (const m of await this.savedSearches.matchesForScenario(p.scenarioId)) {
        intents.push(
          this.intent(
            e,
            'saved_search.matched',
            {
              scenarioId: s.scenarioId,
              scenarioTitle: s.scenarioTitle,
              savedSearchId: m.savedSearchId,
              savedSearchName: m.savedSearchName,
            },
            { userIds: [m.userId] },
            { discriminator: m.userId },
          ),
        );
      }
    }
    return intents;
  }

  private async awardDecided(e: DomainEventJobData<'award.decided'>): Promise<NotificationIntent[]> {
    const p = e.payload;
    const s = await this.scenario(p.scenarioId);
    if (!s) return [];
    const all = [...p.winnerProposalIds, ...p.unsuccessfulProposalIds];
    const orgsByProposal = await this.proposalOrganisations(all);
    const resultOf = (proposalId: string): 'won' | 'unsuccessful' | 'no_award' =>
      p.outcome === 'no_award' ? 'no_award' : p.winnerProposalIds.includes(proposalId) ? 'won' : 'unsuccessful';
    return all
      .filter((id) => orgsByProposal.get(id)?.length)
      .map((proposalId) => {
        const orgs = orgsByProposal.get(proposalId)!;
        return this.intent(
          e,
          'award.result',
          {
            scenarioId: s.scenarioId,
            scenarioTitle: s.scenarioTitle,
            decisionId: p.decisionId,
            proposalId,
            result: resultOf(proposalId),
            standstillEndsAt: p.standstillEndsAt,
          },
          { organisationIds: orgs },
          { discriminator: proposalId, webhookOrganisationIds: orgs },
        );
      });
  }

  /**
   * Matched vendors, best first, each told at most once of a scenario, and at most
   * MATCH_NOTIFICATIONS_PER_VENDOR_PER_DAY times per Huzhou day (the event's day by the Clock).
   */
  private async matched(e: DomainEventJobData<'matching.scenario_matched'>): Promise<NotificationIntent[]> {
    const p = e.payload;
    const s = await this.scenario(p.scenarioId);
    if (!s) return [];
    const day = huzhouDate(this.clock.now());
    const cap = this.config.MATCH_NOTIFICATIONS_PER_VENDOR_PER_DAY;
    const intents: NotificationIntent[] = [];
    const best = [...p.matches].sort((a, b) => b.score - a.score);
    for (const m of best) {
      const allowed = await this.dataSource.transaction((em) =>
        this.takeMatchQuota(em, m.organisationId, s.scenarioId, day, e.eventId, cap),
      );
      if (!allowed) continue;
      intents.push(
        this.intent(
          e,
          'scenario.matched',
          {
            scenarioId: s.scenarioId,
            scenarioTitle: s.scenarioTitle,
            organisationId: m.organisationId,
            score: m.score,
            trigger: p.trigger,
          },
          { organisationIds: [m.organisationId] },
          { discriminator: m.organisationId, webhookOrganisationIds: [m.organisationId] },
        ),
      );
    }
    return intents;
  }

  /** True when this event may tell this vendor of this scenario (already granted to it, or under the day's cap). */
  private async takeMatchQuota(
    em: EntityManager,
    organisationId: string,
    scenarioId: string,
    day: string,
    eventId: string,
    cap: number,
  ): Promise<boolean> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('notification_match_quota:' || $1))`, [organisationId]);
    const [existing] = (await em.query(
      `SELECT event_id FROM notification_match_quota WHERE organisation_id = $1 AND scenario_id = $2`,
      [organisationId, scenarioId],
    )) as { event_id: string }[];
    if (existing) return existing.event_id === eventId;
    const [{ n }] = (await em.query(
      `SELECT count(*)::int AS n FROM notification_match_quota WHERE organisation_id = $1 AND day = $2`,
      [organisationId, day],
    )) as { n: number }[];
    if (n >= cap) return false;
    await em.query(
      `INSERT INTO notification_match_quota (organisation_id, scenario_id, day, event_id) VALUES ($1, $2, $3, $4)`,
      [organisationId, scenarioId, day, eventId],
    );
    return true;
  }
}
