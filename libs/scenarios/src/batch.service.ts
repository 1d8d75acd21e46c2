import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager, In } from 'typeorm';
import { DomainError, type RequestContext, systemContext, ValidationFailedError } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import { DEFAULT_JOB_OPTIONS, type DomainEventMap, type DomainEventType, QUEUES } from '@app/queue';
import {
  batchLifecycle,
  type BatchStatus,
  batchTitle,
  type BatchTransition,
  OPEN_BATCH_STATUSES,
} from './batch-status';
import { ScenarioBatchEntity } from './batch.entity';
import { BatchError } from './batch.errors';
import { BatchDetailView, BatchScenarioView, BatchView } from './batch.views';
import { ScenarioEntity } from './scenario.entity';
import { ScenarioError } from './scenarios.errors';
import { type ActorContext, ScenarioService } from './scenario.service';
import { publishBatchJobId, type PublishBatchJobData, SCENARIO_SCHEDULE_JOBS } from './scenario-schedule-jobs';

/** Arbitrary, fixed key (with the year) of the advisory lock that serialises batch numbering. */
const BATCH_NUMBER_LOCK = 5_210_001;

export type ScheduledPublishOutcome = 'published' | 'already_published' | 'skipped' | 'refused';

function summary(b: ScenarioBatchEntity) {
  return {
    year: b.year,
    number: b.number,
    title: b.title,
    status: b.status,
    publishAt: b.publishAt?.toISOString() ?? null,
  };
}

/** Batches (批次) of the opportunity list: numbering, membership, publication now or at a set time. */
/** The event each batch transition raises. */
const BATCH_EVENTS = {
  schedule: 'scenario_batch.scheduled',
  unschedule: 'scenario_batch.unscheduled',
  publish: 'scenario_batch.published',
  refuse_publication: 'scenario_batch.publication_refused',
} as const satisfies Record<BatchTransition, DomainEventType>;

@Injectable()
export class BatchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scenarios: ScenarioService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @InjectQueue(QUEUES.scenarioSchedule) private readonly scheduleQueue: Queue,
  ) {}

  /** A new draft batch with the next number of `year`. */
  async create(ctx: ActorContext, year: number): Promise<BatchView> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1, $2)', [BATCH_NUMBER_LOCK, year]);
      const [{ next }] = (await em.query(
        `SELECT coalesce(max(number), 0) + 1 AS next FROM scenario_batch WHERE year = $1`,
        [year],
      )) as { next: number }[];
      const number = Number(next);
      const b = await em.save(
        em.create(ScenarioBatchEntity, {
          year,
          number,
          title: batchTitle(year, number),
          status: 'draft',
          publishAt: null,
          publishedAt: null,
          createdBy: ctx.actor.userId,
          version: 1,
        }),
      );
      await this.outbox.publish(em, ctx, {
        type: 'scenario_batch.created',
        aggregateType: 'scenario_batch',
        aggregateId: b.id,
        payload: { batchId: b.id, year, number },
      });
      await this.audit.record(em, ctx, {
        action: 'scenario_batch.create',
        objectType: 'scenario_batch',
        objectId: b.id,
        after: summary(b),
      });
      return BatchView.of(b);
    });
  }

  /** Every batch, newest first. */
  async list(): Promise<BatchView[]> {
    const rows = await this.dataSource.getRepository(ScenarioBatchEntity).find({
      order: { year: 'DESC', number: 'DESC' },
      take: 500,
    });
    return rows.map((b) => BatchView.of(b));
  }

  async get(id: string): Promise<BatchDetailView> {
    const em = this.dataSource.manager;
    const b = await em.findOne(ScenarioBatchEntity, { where: { id } });
    if (!b) throw new BatchError('BATCH_NOT_FOUND');
    return this.detail(em, b);
  }

  /** Adds approved scenarios that are in no other batch; all or none. */
  async addScenarios(ctx: ActorContext, id: string, scenarioIds: string[]): Promise<BatchDetailView> {
    return this.dataSource.transaction(async (em) => {
      const b = await this.lockOpen(em, id);
      const rows = await em.find(ScenarioEntity, {
        where: { id: In(scenarioIds) },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const missing = scenarioIds.find((sid) => !rows.some((s) => s.id === sid));
      if (missing) throw new ScenarioError('SCENARIO_NOT_FOUND', { id: missing });
      for (const s of rows) {
        if (s.batchId && s.batchId !== b.id) {
          throw new BatchError('BATCH_SCENARIO_IN_OTHER_BATCH', { code: s.code ?? s.id });
        }
        if (s.status !== 'approved') {
          throw new BatchError('BATCH_SCENARIO_NOT_APPROVED', { code: s.code ?? s.id, status: s.status });
        }
      }
      const added = rows.filter((s) => s.batchId !== b.id).map((s) => s.id);
      if (added.length) {
        await em.update(ScenarioEntity, { id: In(added) }, { batchId: b.id });
        await this.audit.record(em, ctx, {
          action: 'scenario_batch.add_scenarios',
          objectType: 'scenario_batch',
          objectId: b.id,
          after: { ...summary(b), scenarioIds: added },
        });
      }
      return this.detail(em, b);
    });
  }

  /** Takes a scenario out of a batch that is not yet published. */
  async removeScenario(ctx: ActorContext, id: string, scenarioId: string): Promise<BatchDetailView> {
    return this.dataSource.transaction(async (em) => {
      const b = await this.lockOpen(em, id);
      const s = await em.findOne(ScenarioEntity, { where: { id: scenarioId }, lock: { mode: 'pessimistic_write' } });
      if (!s || s.batchId !== b.id) throw new BatchError('BATCH_SCENARIO_NOT_IN_BATCH');
      await em.update(ScenarioEntity, { id: s.id }, { batchId: null });
      await this.audit.record(em, ctx, {
        action: 'scenario_batch.remove_scenario',
        objectType: 'scenario_batch',
        objectId: b.id,
        after: { ...summary(b), scenarioId: s.id },
      });
      return this.detail(em, b);
    });
  }

  /** Without `at`, publishes now; with `at` (in the future), schedules the publication. */
  async publish(ctx: ActorContext, id: string, at?: Date, now = new Date()): Promise<BatchDetailView> {
    if (at === undefined) return this.publishNow(ctx, id, now);
    if (at.getTime() <= now.getTime()) {
      throw new ValidationFailedError([{ field: 'at', rule: 'batch.publish_at_future' }]);
    }
    return this.schedule(ctx, id, at);
  }

  async publishNow(ctx: ActorContext, id: string, now = new Date()): Promise<BatchDetailView> {
    return this.dataSource.transaction(async (em) => {
      const b = await this.lockBatch(em, id);
      await this.publishIn(em, ctx, b, now);
      return this.detail(em, b);
    });
  }

  /**
   * Sets (or moves) the publication time and enqueues a delayed job for it. The job is added before
   * the commit: if the commit then fails, the job finds no batch scheduled for that time and skips.
   */
  async schedule(ctx: ActorContext, id: string, at: Date): Promise<BatchDetailView> {
    return this.dataSource.transaction(async (em) => {
      const b = await this.lockBatch(em, id);
      const before = summary(b);
      const to = batchLifecycle.next(b.status, 'schedule');
      await this.assertNotEmpty(em, b);
      b.publishAt = at;
      b.publicationError = null;
      await this.commitTransition(em, ctx, b, {
        transition: 'schedule',
        to,
        before,
        payload: { batchId: b.id, publishAt: at.toISOString() },
      });
      const data: PublishBatchJobData = { batchId: b.id, publishAt: at.toISOString() };
      await this.scheduleQueue.add(SCENARIO_SCHEDULE_JOBS.publishBatch, data, {
        ...DEFAULT_JOB_OPTIONS,
        jobId: publishBatchJobId(b.id, at),
        delay: Math.max(0, at.getTime() - Date.now()),
      });
      return this.detail(em, b);
    });
  }

  /** Back to draft; the pending job (if any) will find the batch unscheduled and skip. */
  async unschedule(ctx: ActorContext, id: string): Promise<BatchDetailView> {
    return this.dataSource.transaction(async (em) => {
      const b = await this.lockBatch(em, id);
      const before = summary(b);
      const to = batchLifecycle.next(b.status, 'unschedule');
      b.publishAt = null;
      await this.commitTransition(em, ctx, b, { transition: 'unschedule', to, before, payload: { batchId: b.id } });
      return this.detail(em, b);
    });
  }

  /**
   * What the scheduled job runs: publishes the batch if it is still scheduled for `publishAt`.
   * Idempotent: an already-published batch is a no-op; an unscheduled or rescheduled one is skipped.
   */
  async publishScheduled(batchId: string, publishAt: Date, now = new Date()): Promise<ScheduledPublishOutcome> {
    const ctx = systemContext(publishBatchJobId(batchId, publishAt));
    try {
      return await this.dataSource.transaction(async (em) => {
        const b = await this.lockScheduled(em, batchId, publishAt);
        if (b === 'skipped' || b === 'already_published') return b;
        await this.publishIn(em, ctx, b, now);
        return 'published';
      });
    } catch (error) {
      // A refusal (a deadline passed, a member withdrawn) will not change on retry: record it.
      if (!(error instanceof DomainError)) throw error;
      return this.refuseScheduled(ctx, batchId, publishAt, error, now);
    }
  }

  /**
   * The publication rolled back; in a new transaction the batch goes back to draft with the reason,
   * and an event tells staff (notifications pick it up), so nobody learns of it only by looking.
   */
  private async refuseScheduled(
    ctx: RequestContext,
    batchId: string,
    publishAt: Date,
    error: DomainError<string>,
    now: Date,
  ): Promise<ScheduledPublishOutcome> {
    return this.dataSource.transaction(async (em) => {
      const b = await this.lockScheduled(em, batchId, publishAt);
      if (b === 'skipped' || b === 'already_published') return b;
      const before = summary(b);
      const to = batchLifecycle.next(b.status, 'refuse_publication');
      const params = { ...error.params };
      b.publishAt = null;
      b.publicationError = { code: error.code, params, publishAt: publishAt.toISOString(), at: now.toISOString() };
      await this.commitTransition(em, ctx, b, {
        transition: 'refuse_publication',
        to,
        before,
        payload: { batchId: b.id, publishAt: publishAt.toISOString(), code: error.code, params },
        after: { publicationError: b.publicationError },
      });
      return 'refused';
    });
  }

  /** The batch locked if it is still scheduled for `publishAt`; otherwise what the job should report. */
  private async lockScheduled(
    em: EntityManager,
    batchId: string,
    publishAt: Date,
  ): Promise<ScenarioBatchEntity | 'skipped' | 'already_published'> {
    const b = await em.findOne(ScenarioBatchEntity, { where: { id: batchId }, lock: { mode: 'pessimistic_write' } });
    if (!b) return 'skipped';
    if (b.status === 'published') return 'already_published';
    if (b.status !== 'scheduled' || b.publishAt?.getTime() !== publishAt.getTime()) return 'skipped';
    return b;
  }

  /**
   * Publishes every scenario of the batch (each through ScenarioService.transition, in this
   * transaction: its own audit record and event), then the batch itself. Any failure — a deadline
   * that has passed, a scenario no longer approved — rolls back all of it.
   */
  private async publishIn(em: EntityManager, ctx: RequestContext, b: ScenarioBatchEntity, now: Date): Promise<void> {
    const before = summary(b);
    const to = batchLifecycle.next(b.status, 'publish');
    // Every member locked up front, in id order, before the first audit append takes the chain lock:
    // no waiting for a scenario row while holding it (which could deadlock with another transition).
    const members = await em.find(ScenarioEntity, {
      where: { batchId: b.id },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    if (members.length === 0) throw new BatchError('BATCH_EMPTY');
    const transitionCtx = ctx.actor ? (ctx as ActorContext) : { ...ctx, actor: null };
    for (const s of members) {
      await this.scenarios.transition(transitionCtx, s.id, 'publish', { manager: em, now });
    }
    b.publishedAt = now;
    b.publicationError = null;
    const scenarioIds = members.map((s) => s.id);
    await this.commitTransition(em, ctx, b, {
      transition: 'publish',
      to,
      before,
      payload: { batchId: b.id, scenarioIds },
      after: { publishedAt: now.toISOString(), scenarioIds },
    });
  }

  /** The one place a batch's status changes: save it, then its event, then (last) its audit record. */
  private async commitTransition<T extends BatchTransition>(
    em: EntityManager,
    ctx: RequestContext,
    b: ScenarioBatchEntity,
    change: {
      transition: T;
      to: BatchStatus;
      before: ReturnType<typeof summary>;
      payload: DomainEventMap[(typeof BATCH_EVENTS)[T]];
      after?: Record<string, unknown>;
    },
  ): Promise<void> {
    b.status = change.to;
    b.version += 1;
    await em.save(b);
    await this.outbox.publish(em, ctx, {
      type: BATCH_EVENTS[change.transition],
      aggregateType: 'scenario_batch',
      aggregateId: b.id,
      payload: change.payload,
    });
    await this.audit.record(em, ctx, {
      action: `scenario_batch.${change.transition}`,
      objectType: 'scenario_batch',
      objectId: b.id,
      before: change.before,
      after: { ...summary(b), ...change.after },
    });
  }

  private async lockBatch(em: EntityManager, id: string): Promise<ScenarioBatchEntity> {
    const b = await em.findOne(ScenarioBatchEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!b) throw new BatchError('BATCH_NOT_FOUND');
    return b;
  }

  private async lockOpen(em: EntityManager, id: string): Promise<ScenarioBatchEntity> {
    const b = await this.lockBatch(em, id);
    if (!OPEN_BATCH_STATUSES.includes(b.status)) throw new BatchError('BATCH_NOT_OPEN', { status: b.status });
    return b;
  }

  private async assertNotEmpty(em: EntityManager, b: ScenarioBatchEntity): Promise<void> {
    if ((await em.count(ScenarioEntity, { where: { batchId: b.id } })) === 0) throw new BatchError('BATCH_EMPTY');
  }

  private async detail(em: EntityManager, b: ScenarioBatchEntity): Promise<BatchDetailView> {
    const members = await em.find(ScenarioEntity, { where: { batchId: b.id }, order: { code: 'ASC', id: 'ASC' } });
    return { ...BatchView.of(b), scenarios: members.map((s) => BatchScenarioView.of(s)) };
  }
}
