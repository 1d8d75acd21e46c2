import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Clock, type RequestContext } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import { ScenarioEntity } from '@app/scenarios';
import { ProposalEntity } from './proposal.entity';
import { ProposalTransitions, proposalsAuditEmbargo } from './proposal-transitions';

/** Statuses that wait for the opening: submitted ones are opened, flagged ones excluded. */
const AWAITING_OPENING = ['submitted', 'reconfirmation_required'] as const;

export interface OpeningResult {
  opened: number;
  excluded: number;
}

type ScenarioTimes = Pick<ScenarioEntity, 'closedAt' | 'proposalDeadline'>;

/**
 * Proposals are opened when the scenario closes (揭榜截止): once the deadline has passed by server time
 * and the scenario was closed. Cancelled scenarios (never closed) are never opened.
 */
export function isOpenable(s: ScenarioTimes, now: Date): boolean {
  return s.closedAt !== null && s.proposalDeadline !== null && now.getTime() >= s.proposalDeadline.getTime();
}

/** The number of the scenario's last material amendment (0 when none). */
export async function lastMaterialAmendmentNo(em: EntityManager, scenarioId: string): Promise<number> {
  const [row] = (await em.query(
    `SELECT coalesce(max(amendment_no), 0)::int AS n FROM scenario_amendment WHERE scenario_id = $1 AND material`,
    [scenarioId],
  )) as { n: number }[];
  return row.n;
}

/** The number of the scenario's last amendment, material or not (0 when none). */
export async function lastAmendmentNo(em: EntityManager, scenarioId: string): Promise<number> {
  const [row] = (await em.query(
    `SELECT coalesce(max(amendment_no), 0)::int AS n FROM scenario_amendment WHERE scenario_id = $1`,
    [scenarioId],
  )) as { n: number }[];
  return row.n;
}

/**
 * Flags proposals after material amendments and opens them at closing. Both are idempotent (a second
 * run finds nothing left to do) and safe to run concurrently (the rows are locked, in id order).
 * Whether a proposal was confirmed after an amendment is decided by amendment number, not by clocks:
 * each submission records the scenario's last amendment number under a share lock on the scenario,
 * which an amendment's update lock excludes.
 */
@Injectable()
export class ProposalOpeningService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly transitions: ProposalTransitions,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * After material amendment `amendmentNo`: every proposal submitted before it (and not re-confirmed
   * since) must be re-confirmed. Returns how many were flagged.
   */
  async flagForReconfirmation(ctx: RequestContext, scenarioId: string, amendmentNo: number): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const due = await em
        .createQueryBuilder(ProposalEntity, 'p')
        .setLock('pessimistic_write')
        .where('p.scenario_id = :scenarioId', { scenarioId })
        .andWhere(`p.status = 'submitted'`)
        .andWhere('p.confirmed_amendment_no < :amendmentNo', { amendmentNo })
        .orderBy('p.id')
        .getMany();
      for (const p of due) {
        await this.transitions.apply(em, ctx, p, 'require_reconfirmation', {
          event: { amendmentNo },
          audit: { amendmentNo },
        });
      }
      return due.length;
    });
  }

  /** Whether the scenario was closed, and whether it is openable by this process's clock. */
  async openingState(scenarioId: string): Promise<{ closed: boolean; openable: boolean }> {
    const s = await this.dataSource.manager.findOne(ScenarioEntity, { where: { id: scenarioId } });
    return { closed: !!s?.closedAt, openable: !!s && isOpenable(s, this.clock.now()) };
  }

  /**
   * Opens the scenario's proposals if it is openable: submitted ones confirmed after the last material
   * amendment are opened; the others (flagged, or submitted before it without having been flagged yet)
   * are excluded. Drafts and withdrawn proposals stay as they are. In the same transaction it lifts the
   * scenario's proposal audit embargo (`proposalsAuditEmbargo`): from the opening on, the audit view
   * shows the proposal records written before it, and later ones at once. The one place this happens;
   * a cancelled scenario never opens, so its proposal records stay embargoed. A no-op when nothing
   * waits and nothing is embargoed.
   *
   * `within`: the caller's transaction, to ask on its connection whether anything waits (almost never,
   * once the closing or a first read opened them), so a caller holding a connection does not take a
   * second one from the pool for nothing. The opening itself runs in a transaction of its own: it
   * takes the audit chain's lock, which the caller's transaction takes last.
   */
  async openScenario(ctx: RequestContext, scenarioId: string, within?: EntityManager): Promise<OpeningResult> {
    const reader = within ?? this.dataSource.manager;
    const embargo = proposalsAuditEmbargo(scenarioId);
    const waiting = (await reader.query(`SELECT 1 FROM proposal WHERE scenario_id = $1 AND status = ANY($2) LIMIT 1`, [
      scenarioId,
      AWAITING_OPENING,
    ])) as unknown[];
    // One after the other: `within` may be a transaction's single connection. Drafts and withdrawn
    // proposals wait for nothing, but their records still wait for the lift.
    if (waiting.length === 0 && !(await this.audit.isEmbargoed(reader, embargo))) return { opened: 0, excluded: 0 };
    return this.dataSource.transaction(async (em) => {
      const s = await em.findOne(ScenarioEntity, { where: { id: scenarioId } });
      if (!s || !isOpenable(s, this.clock.now())) return { opened: 0, excluded: 0 };
      const lastMaterial = await lastMaterialAmendmentNo(em, scenarioId);
      const proposals = await em.find(ProposalEntity, {
        where: { scenarioId, status: In([...AWAITING_OPENING]) },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const result: OpeningResult = { opened: 0, excluded: 0 };
      for (const p of proposals) {
        if (p.status === 'submitted' && p.confirmedAmendmentNo >= lastMaterial) {
          await this.transitions.apply(em, ctx, p, 'open');
          result.opened++;
          continue;
        }
        if (p.status === 'submitted') {
          // Submitted before a material amendment whose flagging has not run yet: flag it now, as it would have been.
          await this.transitions.apply(em, ctx, p, 'require_reconfirmation', {
            event: { amendmentNo: lastMaterial },
            audit: { amendmentNo: lastMaterial },
          });
        }
        await this.transitions.apply(em, ctx, p, 'exclude');
        result.excluded++;
      }
      if (result.opened + result.excluded > 0) {
        await this.outbox.publish(em, ctx, {
          type: 'proposal.opening_completed',
          aggregateType: 'scenario',
          aggregateId: scenarioId,
          payload: { scenarioId, openedCount: result.opened, excludedCount: result.excluded },
        });
      }
      // Last: like an audit record it takes the chain lock. Records and lift commit together.
      await this.audit.liftEmbargo(em, embargo, this.clock.now());
      return result;
    });
  }
}
