import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessError, type Actor, Clock, isCentreRole, type RequestContext } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import { PUBLIC_SCENARIO_STATUSES, type ScenarioStatus, VENDOR_ROLES } from '@app/scenarios';
import { feedbackAdjustment, type FeedbackFacts } from './feedback';
import type { InviteVendorDto } from './matching.dto';
import type { MatchFeedbackKind, StoredMatchComponent } from './matching.entity';
import { MatchingError } from './matching.errors';
import type { MatchTrigger } from './matching-jobs';
import { MatchingRunner, type ScenarioMatchOutcome, type VendorMatchOutcome } from './matching-runner.service';
import type {
  InvitationListView,
  InvitationView,
  MatchedVendorView,
  MatchFeedbackView,
  RecommendationsView,
  RecommendationView,
  ScenarioMatchesView,
} from './matching.views';

type ActorContext = RequestContext & { actor: Actor };

/** How many stored rows per vendor are re-ranked with its feedback before the limit is applied. */
const RERANK_WINDOW = 500;

interface ScenarioRow {
  id: string;
  agency_organisation_id: string;
  status: ScenarioStatus;
}

/**
 * Matching as people see it: a scenario's best vendors (staff; the owning agency once published), a
 * vendor's recommended open scenarios re-ranked by its feedback, and staff invitations to apply.
 * Reads stored results only (jobs compute them); `runScenarioMatch`/`runVendorMatch` compute now.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: MatchingRunner,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** The stored best vendors of a scenario (verified vendors only), best first. */
  async topVendorsForScenario(scenarioId: string, limit: number): Promise<ScenarioMatchesView> {
    const rows = (await this.dataSource.query(
      `SELECT m.vendor_organisation_id, o.name_zh, m.score, m.components, m.matched_terms, m.scoring_version,
              m.computed_at, EXISTS (SELECT 1 FROM match_invitation i WHERE i.scenario_id = m.scenario_id
                                      AND i.vendor_organisation_id = m.vendor_organisation_id) AS invited
         FROM match_score m JOIN organisation o ON o.id = m.vendor_organisation_id
        WHERE m.scenario_id = $1 AND m.in_scenario_top AND o.type = 'vendor' AND o.status = 'verified'
        ORDER BY m.score DESC, m.vendor_organisation_id
        LIMIT $2`,
      [scenarioId, limit],
    )) as {
      vendor_organisation_id: string;
      name_zh: string;
      score: number;
      components: StoredMatchComponent[];
      matched_terms: string[];
      scoring_version: string;
      computed_at: Date;
      invited: boolean;
    }[];
    const items: MatchedVendorView[] = rows.map((r) => ({
      organisationId: r.vendor_organisation_id,
      name: r.name_zh,
      score: r.score,
      components: r.components,
      matchedTerms: r.matched_terms,
      invited: r.invited,
    }));
    const newest = rows.reduce<Date | null>((d, r) => (!d || r.computed_at > d ? r.computed_at : d), null);
    return {
      scenarioId,
      scoringVersion: rows[0]?.scoring_version ?? null,
      computedAt: newest ? newest.toISOString() : null,
      items,
    };
  }

  /** GET scenarios/:id/matches: centre staff always; the owning agency once the scenario is published. */
  async matchesFor(actor: Actor, scenarioId: string, limit: number): Promise<ScenarioMatchesView> {
    const s = await this.scenario(this.dataSource.manager, scenarioId);
    if (!isCentreRole(actor.role)) {
      const owner = actor.organisationId === s.agency_organisation_id;
      if (!owner) {
        if (!PUBLIC_SCENARIO_STATUSES.includes(s.status)) throw new MatchingError('MATCHING_SCENARIO_NOT_FOUND');
        throw new AccessError('ACCESS_FORBIDDEN');
      }
      if (!PUBLIC_SCENARIO_STATUSES.includes(s.status))
        throw new MatchingError('MATCHING_NOT_PUBLISHED', { status: s.status });
    }
    return this.topVendorsForScenario(scenarioId, limit);
  }

  /**
   * Open scenarios recommended to a vendor organisation, best first: the stored engine scores adjusted
   * by the vendor's feedback (a `feedback` component explains by how much and why); scenarios it marked
   * not relevant are left out.
   */
  async recommendationsForVendor(organisationId: string, limit: number): Promise<RecommendationsView> {
    const rows = (await this.dataSource.query(
      `SELECT m.scenario_id, m.score, m.components, m.matched_terms, s.code, s.title, s.domain, s.sector, s.district,
              s.proposal_deadline, s.capability_codes, s.private_fields
         FROM match_score m JOIN scenario s ON s.id = m.scenario_id AND s.status = 'published'
        WHERE m.vendor_organisation_id = $1
        ORDER BY m.score DESC, m.scenario_id
        LIMIT $2`,
      [organisationId, RERANK_WINDOW],
    )) as {
      scenario_id: string;
      score: number;
      components: StoredMatchComponent[];
      matched_terms: string[];
      code: string | null;
      title: string;
      domain: string;
      sector: string | null;
      district: string | null;
      proposal_deadline: Date | null;
      capability_codes: string[];
      private_fields: string[];
    }[];
    const feedback = await this.feedbackOf(organisationId);
    const items: RecommendationView[] = [];
    for (const r of rows) {
      const adj = feedbackAdjustment(
        { scenarioId: r.scenario_id, sector: r.sector, capabilityCodes: r.capability_codes },
        feedback,
      );
      if (adj.hidden) continue;
      const budgetPrivate = r.private_fields.includes('budget');
      const components = r.components.map((c) =>
        budgetPrivate && c.key === 'budget' ? { ...c, detail: { hidden: true } } : c,
      );
      items.push({
        scenario: {
          id: r.scenario_id,
          code: r.code,
          title: r.title,
          domain: r.domain,
          sector: r.sector,
          district: r.district,
          deadline: r.proposal_deadline ? r.proposal_deadline.toISOString() : null,
        },
        score: Math.round(Math.max(0, Math.min(100, r.score + adj.points)) * 10) / 10,
        engineScore: r.score,
        components: [...components, adj.component],
        matchedTerms: r.matched_terms,
        feedback: (feedback.find((f) => f.scenarioId === r.scenario_id)?.kind ?? null) as MatchFeedbackKind | null,
      });
    }
    items.sort(
      (a, b) => b.score - a.score || b.engineScore - a.engineScore || (a.scenario.id < b.scenario.id ? -1 : 1),
    );
    return { organisationId, items: items.slice(0, limit) };
  }

  /** GET vendors/me/recommendations: vendor users of a verified vendor organisation. */
  async recommendationsFor(actor: Actor, limit: number): Promise<RecommendationsView> {
    const organisationId = await this.assertVerifiedVendor(this.dataSource.manager, actor);
    return this.recommendationsForVendor(organisationId, limit);
  }

  /** The vendor's feedback on a scenario it can see (replaces an earlier one). */
  async setFeedback(ctx: ActorContext, scenarioId: string, kind: MatchFeedbackKind): Promise<MatchFeedbackView> {
    return this.dataSource.transaction(async (em) => {
      const organisationId = await this.assertVerifiedVendor(em, ctx.actor);
      const s = await this.scenario(em, scenarioId);
      if (!PUBLIC_SCENARIO_STATUSES.includes(s.status)) throw new MatchingError('MATCHING_SCENARIO_NOT_FOUND');
      const now = this.clock.now();
      const [before] = (await em.query(
        `SELECT kind FROM match_feedback WHERE vendor_organisation_id = $1 AND scenario_id = $2 FOR UPDATE`,
        [organisationId, scenarioId],
      )) as { kind: MatchFeedbackKind }[];
      await em.query(
        `INSERT INTO match_feedback (vendor_organisation_id, scenario_id, kind, user_id, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (vendor_organisation_id, scenario_id)
         DO UPDATE SET kind = EXCLUDED.kind, user_id = EXCLUDED.user_id, created_at = EXCLUDED.created_at`,
        [organisationId, scenarioId, kind, ctx.actor.userId, now],
      );
      if (before?.kind !== kind) {
        await this.audit.record(em, ctx, {
          action: 'matching.feedback',
          objectType: 'scenario',
          objectId: scenarioId,
          before: before ? { kind: before.kind } : null,
          after: { kind, organisationId },
        });
      }
      return { scenarioId, kind, at: now.toISOString() };
    });
  }

  /** Withdraws the vendor's feedback on a scenario (idempotent). */
  async clearFeedback(ctx: ActorContext, scenarioId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const organisationId = await this.assertVerifiedVendor(em, ctx.actor);
      const removed = (await em.query(
        `DELETE FROM match_feedback WHERE vendor_organisation_id = $1 AND scenario_id = $2 RETURNING kind`,
        [organisationId, scenarioId],
      )) as [{ kind: MatchFeedbackKind }[], number];
      const rows = removed[0];
      if (rows.length) {
        await this.audit.record(em, ctx, {
          action: 'matching.feedback_cleared',
          objectType: 'scenario',
          objectId: scenarioId,
          before: { kind: rows[0].kind, organisationId },
          after: null,
        });
      }
    });
  }

  /** Staff invite a verified vendor to apply to a published scenario (once: 409 after). */
  async invite(ctx: ActorContext, scenarioId: string, dto: InviteVendorDto): Promise<InvitationView> {
    return this.dataSource.transaction(async (em) => {
      const s = await this.scenario(em, scenarioId);
      if (s.status !== 'published') throw new MatchingError('MATCHING_SCENARIO_NOT_OPEN', { status: s.status });
      const [vendor] = (await em.query(
        `SELECT name_zh FROM organisation WHERE id = $1 AND type = 'vendor' AND status = 'verified'`,
        [dto.vendorOrganisationId],
      )) as { name_zh: string }[];
      if (!vendor) throw new MatchingError('MATCHING_VENDOR_NOT_FOUND', {}, 'vendorOrganisationId');
      const now = this.clock.now();
      // `||`: a message of blanks only is trimmed to '' by the DTO, and means no message.
      const [row] = (await em.query(
        `INSERT INTO match_invitation (scenario_id, vendor_organisation_id, invited_by, message, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (scenario_id, vendor_organisation_id) DO NOTHING
         RETURNING id`,
        [scenarioId, dto.vendorOrganisationId, ctx.actor.userId, dto.message || null, now],
      )) as { id: string }[];
      if (!row) throw new MatchingError('MATCHING_ALREADY_INVITED', {}, 'vendorOrganisationId');
      await this.outbox.publish(em, ctx, {
        type: 'matching.vendor_invited',
        aggregateType: 'scenario',
        aggregateId: scenarioId,
        payload: {
          invitationId: row.id,
          scenarioId,
          vendorOrganisationId: dto.vendorOrganisationId,
          invitedBy: ctx.actor.userId,
        },
      });
      await this.audit.record(em, ctx, {
        action: 'matching.invite',
        objectType: 'scenario',
        objectId: scenarioId,
        before: null,
        after: { invitationId: row.id, vendorOrganisationId: dto.vendorOrganisationId },
      });
      return {
        id: row.id,
        scenarioId,
        vendorOrganisationId: dto.vendorOrganisationId,
        vendorName: vendor.name_zh,
        invitedBy: ctx.actor.userId,
        message: dto.message || null,
        at: now.toISOString(),
      };
    });
  }

  /** The scenario's invitations, oldest first (staff). */
  async invitations(scenarioId: string): Promise<InvitationListView> {
    await this.scenario(this.dataSource.manager, scenarioId);
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.vendor_organisation_id, o.name_zh, i.invited_by, i.message, i.created_at
         FROM match_invitation i JOIN organisation o ON o.id = i.vendor_organisation_id
        WHERE i.scenario_id = $1 ORDER BY i.created_at, i.id`,
      [scenarioId],
    )) as {
      id: string;
      vendor_organisation_id: string;
      name_zh: string;
      invited_by: string;
      message: string | null;
      created_at: Date;
    }[];
    return {
      items: rows.map((r) => ({
        id: r.id,
        scenarioId,
        vendorOrganisationId: r.vendor_organisation_id,
        vendorName: r.name_zh,
        invitedBy: r.invited_by,
        message: r.message,
        at: r.created_at.toISOString(),
      })),
    };
  }

  /** Runs a scenario's matching now, in this process (the jobs do the same through BullMQ). */
  runScenarioMatch(scenarioId: string, trigger: MatchTrigger = 'published'): Promise<ScenarioMatchOutcome> {
    return this.runner.matchScenario(scenarioId, trigger);
  }

  /** Runs a vendor's matching now, in this process. */
  runVendorMatch(organisationId: string): Promise<VendorMatchOutcome> {
    return this.runner.matchVendor(organisationId);
  }

  private async feedbackOf(organisationId: string): Promise<FeedbackFacts[]> {
    const rows = (await this.dataSource.query(
      `SELECT f.scenario_id, f.kind, s.sector, s.capability_codes
         FROM match_feedback f JOIN scenario s ON s.id = f.scenario_id
        WHERE f.vendor_organisation_id = $1 ORDER BY f.scenario_id`,
      [organisationId],
    )) as { scenario_id: string; kind: MatchFeedbackKind; sector: string | null; capability_codes: string[] }[];
    return rows.map((r) => ({
      scenarioId: r.scenario_id,
      kind: r.kind,
      sector: r.sector,
      capabilityCodes: r.capability_codes,
    }));
  }

  private async scenario(em: EntityManager, id: string): Promise<ScenarioRow> {
    const [s] = (await em.query(`SELECT id, agency_organisation_id, status FROM scenario WHERE id = $1`, [
      id,
    ])) as ScenarioRow[];
    if (!s) throw new MatchingError('MATCHING_SCENARIO_NOT_FOUND');
    return s;
  }

  private async assertVerifiedVendor(em: EntityManager, actor: Actor): Promise<string> {
    if (!(VENDOR_ROLES as readonly string[]).includes(actor.role) || !actor.organisationId)
      throw new MatchingError('MATCHING_VENDOR_NOT_VERIFIED');
    const [org] = (await em.query(`SELECT type, status FROM organisation WHERE id = $1`, [actor.organisationId])) as {
      type: string;
      status: string;
    }[];
    if (!org || org.type !== 'vendor' || org.status !== 'verified')
      throw new MatchingError('MATCHING_VENDOR_NOT_VERIFIED');
    return actor.organisationId;
  }
}
