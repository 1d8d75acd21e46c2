import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { DEFAULT_JOB_OPTIONS, QUEUES } from '@app/queue';
import { WebhookService } from '@app/webhooks';
import { NotificationPreferenceService } from '../channels.module';
import { EmailDeliveryService } from '../delivery/email-delivery.service';
import { NotificationStreamHub } from '../inbox/notification-stream';
import {
  type ChunkJobData,
  type FanoutJobData,
  type FanoutProgress,
  NOTIFICATION_JOBS,
  type NotificationIntent,
  type RecipientSpec,
} from '../notification-jobs';

/** Recipients the fan-out reads per query (whole chunks of NOTIFICATION_CHUNK_SIZE, at least one). */
const FANOUT_IDS_PER_QUERY = 2000;

export interface ChunkResult {
  inApp: number;
  emailsQueued: number;
  digestQueued: number;
  emailsSent: number;
  emailsFailed: number;
}

/**
 * The fan-out: an intent becomes a fan-out job (job id `<eventKey>:fanout`), which resolves the
 * recipients in keyset batches of whole chunks and queues one chunk job per NOTIFICATION_CHUNK_SIZE
 * recipients (job id `<eventKey>:<chunkNo>`), recording how far it got in the job's progress so a
 * retry resumes there.
 *
 * Every statement of a chunk is written to go by key (users by primary key, each user's in-app row by
 * the unique index), with no join the planner could run as a scan of the whole event, so a chunk costs
 * about the same at the end of a large fan-out as at its start.
 *
 * A chunk, in one transaction: in-app rows (UNIQUE (event_key, recipient_user_id), ON CONFLICT DO
 * NOTHING: exactly once per event and recipient, however often the job runs) and email delivery rows
 * per preferences (UNIQUE (event_key, recipient_user_id, channel), from which the idempotency key is
 * derived). After commit: live pushes for the rows it inserted, then the chunk's pending emails, each
 * row marked sent after its send (after a crash only emails in flight may repeat, with the same
 * idempotency key).
 */
@Injectable()
export class FanoutService {
  private readonly logger = new Logger(FanoutService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly preferences: NotificationPreferenceService,
    private readonly emails: EmailDeliveryService,
    private readonly stream: NotificationStreamHub,
    private readonly webhooks: WebhookService,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
  ) {}

  /** Queues the intents' fan-out jobs (idempotent per event key: a job id already present is not added again). */
  async enqueue(intents: NotificationIntent[]): Promise<void> {
    if (!intents.length) return;
    await this.queue.addBulk(
      intents.map((intent) => ({
        name: NOTIFICATION_JOBS.fanout,
        data: { intent } satisfies FanoutJobData,
        opts: { ...DEFAULT_JOB_OPTIONS, jobId: `${intent.eventKey}:fanout` },
      })),
    );
  }

  /**
   * One page of recipients (active users), by user id after `afterUserId`. Each source is cut to the
   * page size before the union (the union's first `limit` ids are among them), so a page reads about a
   * page per source instead of every recipient after the cursor (which made a fan-out quadratic).
   * Every source keeps only active users before its cut, so a short page means every source is done.
   */
  async recipientPage(spec: RecipientSpec, afterUserId: string | null, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT r.id FROM (
          (SELECT id FROM app_user WHERE id = ANY ($1::uuid[]) AND id > $6::uuid AND status = 'active'
            ORDER BY id LIMIT $7)
          UNION
          (SELECT id FROM app_user WHERE organisation_id = ANY ($2::uuid[]) AND id > $6::uuid AND status = 'active'
            ORDER BY id LIMIT $7)
          UNION
          (SELECT f.user_id FROM scenario_follow f JOIN app_user a ON a.id = f.user_id AND a.status = 'active'
            WHERE f.scenario_id = $3::uuid AND f.user_id > $6::uuid ORDER BY f.user_id LIMIT $7)
          UNION
          (SELECT u.id FROM proposal p
            JOIN proposal_member m ON m.proposal_id = p.id AND m.status = 'confirmed'
            JOIN app_user u ON u.organisation_id = m.organisation_id AND u.status = 'active'
           WHERE p.scenario_id = $4::uuid AND p.status = ANY ($5::text[]) AND u.id > $6::uuid ORDER BY u.id LIMIT $7)
        ) r
        ORDER BY r.id LIMIT $7`,
      [
        spec.userIds ?? [],
        spec.organisationIds ?? [],
        spec.followersOfScenarioId ?? null,
        spec.proposersOf?.scenarioId ?? null,
        spec.proposersOf?.statuses ?? [],
        afterUserId ?? '00000000-0000-0000-0000-000000000000',
        limit,
      ],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The fan-out job: webhooks once, then chunk jobs page by page (resuming from the job's progress). */
  async runFanout(job: Job<FanoutJobData>, signal?: AbortSignal): Promise<FanoutProgress> {
    const { intent } = job.data;
    const saved = job.progress as Partial<FanoutProgress> | number;
    const progress: FanoutProgress = {
      chunks: typeof saved === 'object' ? (saved.chunks ?? 0) : 0,
      afterUserId: typeof saved === 'object' ? (saved.afterUserId ?? null) : null,
      webhooksQueued: typeof saved === 'object' ? (saved.webhooksQueued ?? false) : false,
    };
    if (!progress.webhooksQueued && intent.webhookOrganisationIds?.length) {
      await this.webhooks.enqueueForOrganisations({
        eventKey: intent.eventKey,
        type: intent.type,
        occurredAt: intent.occurredAt,
        organisationIds: intent.webhookOrganisationIds,
        data: { ...intent.params },
      });
      progress.webhooksQueued = true;
      await job.updateProgress(progress);
    }
    const size = this.config.NOTIFICATION_CHUNK_SIZE;
    // Several pages per query and one addBulk per batch: a round trip per page made the last chunks
    // of a large fan-out start hundreds of milliseconds after the first.
    const pagesPerBatch = Math.max(1, Math.floor(FANOUT_IDS_PER_QUERY / size));
    for (;;) {
      if (signal?.aborted) throw new Error(`Fan-out ${intent.eventKey} aborted after ${progress.chunks} chunk(s)`);
      const userIds = await this.recipientPage(intent.recipients, progress.afterUserId, size * pagesPerBatch);
      if (!userIds.length) break;
      const chunks: ChunkJobData[] = [];
      for (let i = 0; i < userIds.length; i += size) {
        chunks.push({
          eventKey: intent.eventKey,
          type: intent.type,
          params: { ...intent.params },
          userIds: userIds.slice(i, i + size),
          chunkNo: progress.chunks + chunks.length,
        });
      }
      // Job ids per chunk number: a retry after a crash between addBulk and the progress update adds nothing twice.
      await this.queue.addBulk(
        chunks.map((chunk) => ({
          name: NOTIFICATION_JOBS.chunk,
          data: chunk,
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: `${intent.eventKey}:${chunk.chunkNo}` },
        })),
      );
      progress.chunks += chunks.length;
      progress.afterUserId = userIds[userIds.length - 1];
      await job.updateProgress(progress);
      if (userIds.length < size * pagesPerBatch) break;
    }
    return progress;
  }

  /** One chunk: rows (exactly once), live pushes, emails (at least once). Throws when emails remain to retry. */
  async runChunk(chunk: ChunkJobData, signal?: AbortSignal): Promise<ChunkResult> {
    const modes = await this.preferences.modesFor(chunk.userIds, chunk.type);
    const mode = (id: string) => modes.get(id) ?? { inApp: 'instant', email: 'instant' };
    const inAppUsers = chunk.userIds.filter((id) => mode(id).inApp !== 'off');
    const emailUsers = chunk.userIds.filter((id) => mode(id).email === 'instant');
    const digestUsers = chunk.userIds.filter((id) => mode(id).email === 'digest');
    const now = this.clock.now();

    const { inserted, emailsQueued, digestQueued } = await this.dataSource.transaction(async (em) => {
      const inserted = (await em.query(
        `INSERT INTO notification (event_key, recipient_user_id, type, params, created_at)
         SELECT $1, a.id, $2, $3::jsonb, $4 FROM app_user a WHERE a.id = ANY ($5::uuid[])
         ON CONFLICT (event_key, recipient_user_id) DO NOTHING
         RETURNING id, recipient_user_id, created_at`,
        [chunk.eventKey, chunk.type, JSON.stringify(chunk.params), now, inAppUsers],
      )) as { id: string; recipient_user_id: string; created_at: Date }[];
      const deliveries = async (userIds: string[], status: 'pending' | 'digest_pending') => {
        if (!userIds.length) return 0;
        const rows = (await em.query(
          `INSERT INTO notification_delivery
             (notification_id, event_key, recipient_user_id, type, params, channel, status, idempotency_key, created_at, updated_at)
           SELECT (SELECT n.id FROM notification n WHERE n.event_key = $1 AND n.recipient_user_id = a.id),
                  $1, a.id, $2, $3::jsonb, 'email', $4, $1 || ':' || a.id || ':email', $5, $5
             FROM app_user a WHERE a.id = ANY ($6::uuid[])
           ON CONFLICT ON CONSTRAINT ux_notification_delivery_event DO NOTHING
           RETURNING id`,
          [chunk.eventKey, chunk.type, JSON.stringify(chunk.params), status, now, userIds],
        )) as unknown[];
        return rows.length;
      };
      return {
        inserted,
        emailsQueued: await deliveries(emailUsers, 'pending'),
        digestQueued: await deliveries(digestUsers, 'digest_pending'),
      };
    });

    await this.stream.publish(
      inserted.map((r) => ({
        userId: r.recipient_user_id,
        notification: {
          id: r.id,
          type: chunk.type,
          params: chunk.params,
          createdAt: new Date(r.created_at).toISOString(),
          readAt: null,
        },
      })),
    );

    const sent = await this.emails.sendPendingFor(chunk.eventKey, emailUsers, signal);
    const result: ChunkResult = {
      inApp: inserted.length,
      emailsQueued,
      digestQueued,
      emailsSent: sent.sent,
      emailsFailed: sent.failed,
    };
    if (sent.retrying > 0) {
      // The rows are safe; the job is retried with backoff and sends only what is still pending.
      throw new Error(
        `Chunk ${chunk.eventKey}:${chunk.chunkNo}: ${sent.retrying} email(s) to retry (${sent.lastError ?? ''})`,
      );
    }
    return result;
  }
}
