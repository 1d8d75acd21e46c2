import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { type Actor, decodeTimeIdCursor, encodeCursor, type PageQuery } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import { FollowedScenarioPageView, FollowStateView } from './follow.views';
import { ScenarioEntity } from './scenario.entity';
import { scenarioPolicy } from './scenario.policy';
import type { ActorContext } from './scenario.service';
import { PUBLIC_SCENARIO_STATUSES } from './scenario-status';
import { ScenarioView } from './scenario.views';
import { ScenarioError } from './scenarios.errors';
import { assertVerifiedVendor } from './vendor-access';

/**
 * Vendors follow (关注) scenarios of the opportunity list. Following is idempotent; a change writes an
 * outbox event and an audit record, a repeated follow or unfollow writes nothing.
 */
@Injectable()
export class FollowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** A vendor user of a verified vendor follows a scenario it can see (public statuses only). */
  async follow(ctx: ActorContext, scenarioId: string): Promise<FollowStateView> {
    return this.dataSource.transaction(async (em) => {
      const s = await em.findOne(ScenarioEntity, { where: { id: scenarioId }, lock: { mode: 'pessimistic_read' } });
      if (!s || !scenarioPolicy.canView(ctx.actor, s)) throw new ScenarioError('SCENARIO_NOT_FOUND');
      const organisationId = await assertVerifiedVendor(em, ctx.actor);
      const inserted = (await em.query(
        `INSERT INTO scenario_follow (scenario_id, user_id, organisation_id) VALUES ($1, $2, $3)
         ON CONFLICT (scenario_id, user_id) DO NOTHING RETURNING scenario_id`,
        [s.id, ctx.actor.userId, organisationId],
      )) as unknown[];
      if (inserted.length) {
        await this.outbox.publish(em, ctx, {
          type: 'scenario.followed',
          aggregateType: 'scenario',
          aggregateId: s.id,
          payload: { scenarioId: s.id, userId: ctx.actor.userId },
        });
        await this.audit.record(em, ctx, {
          action: 'scenario.follow',
          objectType: 'scenario',
          objectId: s.id,
          after: { code: s.code, following: true },
        });
      }
      return { following: true };
    });
  }

  /**
   * Stops following. No visibility check: a scenario cancelled after being followed can still be
   * unfollowed, and the answer (always `following: false`) reveals nothing about any scenario.
   */
  async unfollow(ctx: ActorContext, scenarioId: string): Promise<FollowStateView> {
    return this.dataSource.transaction(async (em) => {
      const [deleted] = (await em.query(
        `DELETE FROM scenario_follow WHERE scenario_id = $1 AND user_id = $2 RETURNING scenario_id`,
        [scenarioId, ctx.actor.userId],
      )) as [{ scenario_id: string }[], number];
      if (deleted.length) {
        await this.outbox.publish(em, ctx, {
          type: 'scenario.unfollowed',
          aggregateType: 'scenario',
          aggregateId: scenarioId,
          payload: { scenarioId, userId: ctx.actor.userId },
        });
        await this.audit.record(em, ctx, {
          action: 'scenario.unfollow',
          objectType: 'scenario',
          objectId: scenarioId,
          before: { following: true },
          after: { following: false },
        });
      }
      return { following: false };
    });
  }

  /** The caller's followed scenarios that are still public, most recently followed first (keyset). */
  async listFollowed(actor: Actor, query: PageQuery): Promise<FollowedScenarioPageView> {
    const limit = query.limit ?? 20;
    const params: unknown[] = [actor.userId, [...PUBLIC_SCENARIO_STATUSES]];
    let after = '';
    if (query.cursor) {
      const [createdAt, id] = decodeTimeIdCursor(query.cursor);
      params.push(createdAt, id);
      after = `AND (f.created_at, f.scenario_id) < ($3::timestamptz, $4::uuid)`;
    }
    params.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT f.scenario_id, f.created_at, f.created_at::text AS keyset_created_at
         FROM scenario_follow f JOIN scenario s ON s.id = f.scenario_id
        WHERE f.user_id = $1 AND s.status = ANY ($2::text[]) ${after}
        ORDER BY f.created_at DESC, f.scenario_id DESC
        LIMIT $${params.length}`,
      params,
    )) as { scenario_id: string; created_at: Date; keyset_created_at: string }[];
    const page = rows.slice(0, limit);
    const scenarios = await this.dataSource.manager.find(ScenarioEntity, {
      where: { id: In(page.map((r) => r.scenario_id)) },
    });
    const byId = new Map(scenarios.map((s) => [s.id, s]));
    const items = page.flatMap((r) => {
      const s = byId.get(r.scenario_id);
      if (!s) return [];
      return [
        { ...ScenarioView.of(s, scenarioPolicy.seesEverything(actor, s)), followedAt: r.created_at.toISOString() },
      ];
    });
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor([last.keyset_created_at, last.scenario_id]) : null,
    };
  }
}
