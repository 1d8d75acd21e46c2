import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { AppConfig } from '@app/config';
import { runScoringTask, type ScoredPair, type ScoringTask } from './scoring-task';

/** A task is split over the threads, in chunks of at least this many pairs. */
const MIN_CHUNK = 50;

/**
 * Tasks of at most this many pairs are scored in the calling thread: scoring ~2,000 pairs takes a few
 * milliseconds (less than the hop to a worker thread and back), too short to starve the event loop or
 * BullMQ lock renewal; larger batches (the nightly rematch, many scenarios at once) go to the threads.
 */
export const INLINE_SCORING_MAX_PAIRS = 2_000;

/**
 * Where the worker thread's code is: beside this file when running from TypeScript (tests, ts-node:
 * the thread registers ts-node too), or `matching-scoring.worker.js` beside the bundle when built.
 */
export function scoringWorkerFile(): { filename: string; execArgv: string[] } | null {
  if (__filename.endsWith('.ts')) {
    return {
      filename: join(__dirname, 'scoring.worker.ts'),
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    };
  }
  const built = join(__dirname, 'matching-scoring.worker.js');
  return existsSync(built) ? { filename: built, execArgv: [] } : null;
}

/**
 * Exact scoring: batches of at most INLINE_SCORING_MAX_PAIRS pairs in the calling thread, larger ones
 * in a pool of worker threads (piscina, started on first use), so a big batch cannot starve the API's
 * event loop or BullMQ's lock renewal. MATCH_SCORING_THREADS=0, or no worker file in a bundled build,
 * scores everything in the calling thread (logged once).
 */
@Injectable()
export class ScoringPool implements OnModuleDestroy {
  private readonly logger = new Logger(ScoringPool.name);
  private pool: Piscina<ScoringTask, ScoredPair[]> | null = null;
  private inline = false;
  /** See INLINE_SCORING_MAX_PAIRS (tests set 0 to force the threads). */
  inlineMaxPairs = INLINE_SCORING_MAX_PAIRS;

  constructor(private readonly config: AppConfig) {}

  /** Whether scores are computed in worker threads (false: in the calling thread). */
  get threaded(): boolean {
    this.start();
    return !!this.pool;
  }

  async score(task: ScoringTask): Promise<ScoredPair[]> {
    const size = task.kind === 'scenario' ? task.vendors.length : task.scenarios.length;
    if (size <= this.inlineMaxPairs) return runScoringTask(task);
    this.start();
    if (!this.pool) return runScoringTask(task);
    const CHUNK = Math.max(MIN_CHUNK, Math.ceil(size / this.config.MATCH_SCORING_THREADS));
    const chunks: ScoringTask[] = [];
    if (task.kind === 'scenario') {
      for (let i = 0; i < task.vendors.length; i += CHUNK)
        chunks.push({ ...task, vendors: task.vendors.slice(i, i + CHUNK) });
    } else {
      for (let i = 0; i < task.scenarios.length; i += CHUNK)
        chunks.push({ ...task, scenarios: task.scenarios.slice(i, i + CHUNK) });
    }
    const parts = await Promise.all(chunks.map((c) => this.pool!.run(c)));
    return parts.flat();
  }

  private start(): void {
    if (this.pool || this.inline) return;
    const threads = this.config.MATCH_SCORING_THREADS;
    const worker = threads > 0 ? scoringWorkerFile() : null;
    if (!worker) {
      this.inline = true;
      if (threads > 0)
        this.logger.warn('No matching-scoring.worker.js beside the bundle: scoring in the calling thread');
      return;
    }
    this.pool = new Piscina<ScoringTask, ScoredPair[]>({
      filename: worker.filename,
      execArgv: worker.execArgv,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
  }

  async onModuleDestroy(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.destroy();
  }
}
