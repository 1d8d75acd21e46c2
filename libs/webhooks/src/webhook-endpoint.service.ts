import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessError, type Actor, Clock, type RequestContext, ValidationFailedError } from '@app/common';
import { AuditService } from '@app/audit';
import { WEBHOOK_PING_TYPE } from './webhook-jobs';
import { WebhookQueue } from './webhook-queue';
import { WebhookSecretBox } from './webhook-secret-box';
import { WebhookTargets } from './webhook-targets';
import { type CreateWebhookEndpointDto, type UpdateWebhookEndpointDto, WEBHOOK_URL_MAX } from './webhook.dto';
import { WebhookEndpointEntity } from './webhook.entity';
import { WebhookError } from './webhook.errors';
import { WebhookEndpointView } from './webhook.views';

export type WebhookActorContext = RequestContext & { actor: Actor };

/** Endpoints one organisation may keep. */
export const WEBHOOK_ENDPOINTS_PER_ORGANISATION_MAX = 10;

/** `whsec_` + 32 random bytes (base64url): the HMAC key of an endpoint. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** What the audit trail keeps of an endpoint (never the secret). */
const summary = (e: WebhookEndpointEntity) => ({
  url: e.url,
  eventTypes: e.eventTypes,
  active: e.active,
});

/**
 * The URL as stored: vetted, then normalised by the URL parser — which can make it much longer than
 * what was sent (every `中` becomes `%E4%B8%AD`), so the length rule is checked again on the result.
 */
async function vettedUrl(targets: WebhookTargets, raw: string): Promise<string> {
  const url = (await targets.vet(raw)).toString();
  if ([...url].length > WEBHOOK_URL_MAX)
    throw new ValidationFailedError([{ field: 'url', rule: 'maxLength', params: { max: WEBHOOK_URL_MAX } }]);
  return url;
}

/** The organisation admin of the actor's organisation (agency_admin or vendor_admin), or 403. */
export function webhookOrganisationOf(actor: Actor): string {
  if ((actor.role !== 'agency_admin' && actor.role !== 'vendor_admin') || !actor.organisationId)
    throw new AccessError('ACCESS_FORBIDDEN');
  return actor.organisationId;
}

/**
 * An organisation's webhook endpoints, kept by its admins (agency_admin / vendor_admin). Signing
 * secrets are stored sealed (WebhookSecretBox); the plaintext is shown once, on create and rotate.
 */
@Injectable()
export class WebhookEndpointService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookEndpointService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly targets: WebhookTargets,
    private readonly queue: WebhookQueue,
    private readonly clock: Clock,
    private readonly box: WebhookSecretBox,
  ) {}

  /** Seals secrets stored in plaintext by a version before sealing (guarded: two processes may race). */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const sealed = await this.sealLegacySecrets();
      if (sealed) this.logger.log(`Sealed ${sealed} webhook secret(s) stored in plaintext`);
    } catch (error) {
      this.logger.warn(`Could not seal legacy webhook secrets: ${(error as Error).message}`);
    }
  }

  /** Seals every plaintext secret; returns how many rows it changed. */
  async sealLegacySecrets(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT id, secret FROM webhook_endpoint WHERE secret NOT LIKE 'v1:%'`,
    )) as { id: string; secret: string }[];
    let changed = 0;
    for (const row of rows) {
      const [, affected] = (await this.dataSource.query(
        `UPDATE webhook_endpoint SET secret = $2 WHERE id = $1 AND secret = $3`,
        [row.id, this.box.seal(row.secret, row.id), row.secret],
      )) as [unknown, number];
      changed += affected;
    }
    return changed;
  }

  async list(actor: Actor): Promise<WebhookEndpointView[]> {
    const organisationId = webhookOrganisationOf(actor);
    const rows = await this.dataSource.manager.find(WebhookEndpointEntity, {
      where: { organisationId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((e) => WebhookEndpointView.of(e));
  }

  /** Creates an endpoint; the answer carries the secret (the only time it is shown, with rotate). */
  async create(ctx: WebhookActorContext, dto: CreateWebhookEndpointDto): Promise<WebhookEndpointView> {
    const organisationId = webhookOrganisationOf(ctx.actor);
    const url = await vettedUrl(this.targets, dto.url);
    return this.dataSource.transaction(async (em) => {
      await this.lockOrganisation(em, organisationId);
      const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM webhook_endpoint WHERE organisation_id = $1`, [
        organisationId,
      ])) as { n: number }[];
      if (n >= WEBHOOK_ENDPOINTS_PER_ORGANISATION_MAX)
        throw new WebhookError('WEBHOOK_ENDPOINT_LIMIT_REACHED', { max: WEBHOOK_ENDPOINTS_PER_ORGANISATION_MAX });
      const id = randomUUID();
      const secret = generateWebhookSecret();
      const saved = await em.save(
        em.create(WebhookEndpointEntity, {
          id,
          organisationId,
          url,
          secret: this.box.seal(secret, id),
          eventTypes: [...new Set(dto.eventTypes ?? [])],
          active: dto.active ?? true,
          createdBy: ctx.actor.userId,
        }),
      );
      await this.audit.record(em, ctx, {
        action: 'webhook_endpoint.create',
        objectType: 'webhook_endpoint',
        objectId: saved.id,
        after: summary(saved),
      });
      return WebhookEndpointView.of(saved, secret);
    });
  }

  async update(ctx: WebhookActorContext, id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointView> {
    const organisationId = webhookOrganisationOf(ctx.actor);
    const url = dto.url === undefined ? undefined : await vettedUrl(this.targets, dto.url);
    return this.dataSource.transaction(async (em) => {
      const endpoint = await this.ownEndpoint(em, organisationId, id);
      const before = summary(endpoint);
      if (url !== undefined) endpoint.url = url;
      if (dto.eventTypes !== undefined) endpoint.eventTypes = [...new Set(dto.eventTypes)];
      if (dto.active !== undefined) endpoint.active = dto.active;
      const saved = await em.save(endpoint);
      await this.audit.record(em, ctx, {
        action: 'webhook_endpoint.update',
        objectType: 'webhook_endpoint',
        objectId: id,
        before,
        after: summary(saved),
      });
      return WebhookEndpointView.of(saved);
    });
  }

  /** Deletes the endpoint and its deliveries (pending ones are never sent). */
  async remove(ctx: WebhookActorContext, id: string): Promise<void> {
    const organisationId = webhookOrganisationOf(ctx.actor);
    await this.dataSource.transaction(async (em) => {
      const endpoint = await this.ownEndpoint(em, organisationId, id);
      await em.delete(WebhookEndpointEntity, { id });
      await this.audit.record(em, ctx, {
        action: 'webhook_endpoint.delete',
        objectType: 'webhook_endpoint',
        objectId: id,
        before: summary(endpoint),
      });
    });
  }

  /** A new secret at once (the old one stops working); the answer carries it. */
  async rotateSecret(ctx: WebhookActorContext, id: string): Promise<WebhookEndpointView> {
    const organisationId = webhookOrganisationOf(ctx.actor);
    return this.dataSource.transaction(async (em) => {
      const endpoint = await this.ownEndpoint(em, organisationId, id);
      const secret = generateWebhookSecret();
      endpoint.secret = this.box.seal(secret, endpoint.id);
      const saved = await em.save(endpoint);
      await this.audit.record(em, ctx, {
        action: 'webhook_endpoint.rotate_secret',
        objectType: 'webhook_endpoint',
        objectId: id,
        after: summary(saved),
      });
      return WebhookEndpointView.of(saved, secret);
    });
  }

  /** Queues a `webhook.ping` delivery to this endpoint (through the normal pipeline: signed, retried). */
  async ping(ctx: WebhookActorContext, id: string): Promise<{ deliveryId: string }> {
    const organisationId = webhookOrganisationOf(ctx.actor);
    const deliveryId = await this.dataSource.transaction(async (em) => {
      const endpoint = await this.ownEndpoint(em, organisationId, id);
      if (!endpoint.active) throw new WebhookError('WEBHOOK_ENDPOINT_INACTIVE');
      const [row] = (await em.query(
        `INSERT INTO webhook_delivery (endpoint_id, event_key, type, payload, status, next_attempt_at)
         VALUES ($1, $2, $3, $4::jsonb, 'pending', now()) RETURNING id`,
        [
          id,
          `ping-${randomUUID()}`,
          WEBHOOK_PING_TYPE,
          JSON.stringify({
            occurredAt: this.clock.now().toISOString(),
            data: { endpointId: id, organisationId, message: 'ping' },
          }),
        ],
      )) as { id: string }[];
      return row.id;
    });
    await this.queue.add([deliveryId]);
    return { deliveryId };
  }

  private async ownEndpoint(em: EntityManager, organisationId: string, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = await em.findOne(WebhookEndpointEntity, {
      where: { id, organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!endpoint) throw new WebhookError('WEBHOOK_ENDPOINT_NOT_FOUND');
    return endpoint;
  }

  /** The organisation exists (404 otherwise); locked so two creates cannot both pass the limit. */
  private async lockOrganisation(em: EntityManager, organisationId: string): Promise<void> {
    const rows = (await em.query(`SELECT id FROM organisation WHERE id = $1 FOR UPDATE`, [
      organisationId,
    ])) as unknown[];
    if (rows.length === 0) throw new WebhookError('WEBHOOK_ORGANISATION_NOT_FOUND');
  }
}
