import { Queue } from 'bullmq';
import Redis, { type RedisOptions } from 'ioredis';
import { awaitHandshake } from './connection-lifecycle';
import { DEFAULT_JOB_OPTIONS, type QueueName } from './queues';
import { redisOptionsFromUrl } from './redis-options';

export interface FailFastQueueOptions {
  redisUrl: string;
  prefix: string;
  /** A command with no reply after this long fails (a connection that is open but silent). */
  commandTimeoutMs?: number;
}

/**
 * Connection options for a producer that must fail at once while Redis is unreachable, instead of
 * queueing commands until it comes back (ioredis' default): the outbox relay holds a database
 * transaction while it enqueues, and must roll it back rather than wait.
 */
export function failFastRedisOptions(redisUrl: string, commandTimeoutMs = 5000): RedisOptions {
  return {
    ...redisOptionsFromUrl(redisUrl),
    enableOfflineQueue: false,
    commandTimeout: commandTimeoutMs,
    // Keep reconnecting in the background, never more than 2 s apart, so recovery is noticed quickly.
    retryStrategy: (times: number) => Math.min(100 * 2 ** times, 2000),
  };
}

/**
 * A producer-only queue on a fail-fast connection of its own. BullMQ still holds the very first
 * commands until the initial handshake is done, so callers bound `waitUntilReady()` themselves.
 */
export class FailFastQueue extends Queue {
  constructor(name: QueueName, options: FailFastQueueOptions) {
    super(name, {
      connection: new Redis(failFastRedisOptions(options.redisUrl, options.commandTimeoutMs)),
      prefix: options.prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
  }

  /** Closes the queue and its connection, whether or not Redis is reachable right now. */
  override async close(): Promise<void> {
    await awaitHandshake(this);
    await super.close();
    // BullMQ leaves a connection it was given open. Disconnect rather than QUIT: a fail-fast
    // connection refuses QUIT while Redis is away, and would then keep reconnecting for ever.
    (this.opts.connection as Redis).disconnect();
  }
}

export function createFailFastQueue(name: QueueName, options: FailFastQueueOptions): FailFastQueue {
  return new FailFastQueue(name, options);
}
