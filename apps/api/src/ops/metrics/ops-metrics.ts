import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { withTimeout } from '../with-timeout';

/** The BullMQ Queue instance of every queue in ALL_QUEUES (provided by OpsModule). */
export const OPS_QUEUES = Symbol('OPS_QUEUES');

/** Job states exported as queue depth. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Route label of requests that matched no route (404s): never the raw URL, so cardinality stays bounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Each on-scrape collection gives up after this long; the scrape then reports NaN and counts an error. */
export const SCRAPE_TIMEOUT_MS = 2000;

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface OutboxSnapshot {
  unsent: number;
  lagSeconds: number;
}

type HttpLabels = 'method' | 'route' | 'status_code';

/**
 * The API's Prometheus metrics, in a registry of its own (not prom-client's global one), so several
 * app instances in one process (tests) never share or collide on metrics.
 */
@Injectable()
export class OpsMetrics implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly logger = new Logger(OpsMetrics.name);
  private readonly httpDuration: Histogram<HttpLabels>;
  /** One bound series per (method, status, route): the per-request cost is a Map lookup and an observe. */
  private readonly httpSeries = new Map<string, Histogram.Internal<HttpLabels>>();
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly outboxUnsent: Gauge;
  private readonly outboxLag: Gauge;
  private readonly collectionErrors: Counter<'source'>;
  private outboxRead?: Promise<OutboxSnapshot | null>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OPS_QUEUES) private readonly queues: Queue[],
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.queueJobs = new Gauge({
      name: 'queue_jobs',
      help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed), read on scrape.',
      labelNames: ['queue', 'state'],
      registers,
      collect: () => this.collectQueueDepths(),
    });
    this.outboxUnsent = new Gauge({
      name: 'outbox_unsent_events',
      help: 'Outbox events not yet relayed to the queue (sent_at IS NULL), read on scrape.',
      registers,
      collect: async () => this.outboxUnsent.set((await this.outboxSnapshot())?.unsent ?? Number.NaN),
    });
    this.outboxLag = new Gauge({
      name: 'outbox_lag_seconds',
      help: 'Age in seconds of the oldest unsent outbox event (0 when none), read on scrape.',
      registers,
      collect: async () => this.outboxLag.set((await this.outboxSnapshot())?.lagSeconds ?? Number.NaN),
    });
    this.collectionErrors = new Counter({
      name: 'metrics_collection_errors_total',
      help: 'On-scrape collections that failed or timed out (their gauges read NaN for that scrape).',
      labelNames: ['source'],
      registers,
    });
  }

  /** Called from a Fastify onResponse hook for every request; keep it cheap. */
  observeHttp(method: string, route: string | undefined, statusCode: number, elapsedMs: number): void {
    const pattern = route || UNMATCHED_ROUTE;
    const key = `${method} ${statusCode} ${pattern}`;
    let series = this.httpSeries.get(key);
    if (!series) {
      series = this.httpDuration.labels(method, pattern, String(statusCode));
      this.httpSeries.set(key, series);
    }
    series.observe(elapsedMs / 1000);
  }

  /** The exposition text (Prometheus format); on-scrape gauges are collected now. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  onModuleDestroy(): void {
    this.registry.clear();
    this.httpSeries.clear();
  }

  private async collectQueueDepths(): Promise<void> {
    const results = await Promise.allSettled(
      this.queues.map((queue) =>
        withTimeout(
          (async () => {
            // A connection that is not ready would queue the command until Redis returns.
            const client = await queue.client;
            if (client.status !== 'ready') throw new Error(`redis connection is ${client.status}`);
            return queue.getJobCounts(...JOB_STATES);
          })(),
          SCRAPE_TIMEOUT_MS,
          `job counts of ${queue.name}`,
        ),
      ),
    );
    this.queueJobs.reset();
    results.forEach((result, i) => {
      const queue = this.queues[i].name;
      if (result.status === 'rejected') this.collectionFailed('queue', result.reason);
      for (const state of JOB_STATES) {
        const value = result.status === 'fulfilled' ? (result.value[state] ?? 0) : Number.NaN;
        this.queueJobs.set({ queue, state }, value);
      }
    });
  }

  /** Both outbox gauges come from one query per scrape (the gauges are collected concurrently). */
  private outboxSnapshot(): Promise<OutboxSnapshot | null> {
    this.outboxRead ??= this.readOutbox().finally(() => {
      this.outboxRead = undefined;
    });
    return this.outboxRead;
  }

  private async readOutbox(): Promise<OutboxSnapshot | null> {
    try {
      // Served by the partial index ix_outbox_event_unsent (created_at) WHERE sent_at IS NULL.
      const rows = await withTimeout<{ unsent: number; lag_seconds: number }[]>(
        this.dataSource.query(
          `SELECT count(*)::int AS unsent,
                  COALESCE(GREATEST(EXTRACT(EPOCH FROM (now() - min(created_at))), 0), 0)::float8 AS lag_seconds
             FROM outbox_event
            WHERE sent_at IS NULL`,
        ),
        SCRAPE_TIMEOUT_MS,
        'outbox query',
      );
      return { unsent: Number(rows[0].unsent), lagSeconds: Number(rows[0].lag_seconds) };
    } catch (error) {
      this.collectionFailed('outbox', error);
      return null;
    }
  }

  private collectionFailed(source: 'queue' | 'outbox', error: unknown): void {
    this.collectionErrors.inc({ source });
    this.logger.warn(`Metrics collection failed (${source}): ${error instanceof Error ? error.message : error}`);
  }
}
