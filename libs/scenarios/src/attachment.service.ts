import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessError, type Actor, ValidationFailedError } from '@app/common';
import { AuditService } from '@app/audit';
import { AppConfig } from '@app/config';
import { OutboxService } from '@app/outbox';
import {
  checkBeforeReading,
  FileStorage,
  type FileUpload,
  isAllowedExtension,
  sanitizeFileName,
  storeUpload,
} from '@app/storage';
import { ScenarioAttachmentEntity } from './attachment.entity';
import { AttachmentError } from './attachment.errors';
import { type AttachmentDownload, AttachmentView } from './attachment.views';
import { findAttachments } from './attachment-list';
import type { ScenarioEntity } from './scenario.entity';
import { scenarioPolicy } from './scenario.policy';
import { EDITABLE_SCENARIO_STATUSES } from './scenario-status';
import { PublicScenarioService } from './public-scenarios.service';
import { type ActorContext, ScenarioService } from './scenario.service';
import { ScenarioError } from './scenarios.errors';

/** One uploaded file as the transport hands it over (the name is sanitised by `upload`). */
export type AttachmentUpload = FileUpload;

const typeNotAllowed = () => new AttachmentError('ATTACHMENT_TYPE_NOT_ALLOWED', {}, 'file');

/**
 * Scenario attachments: the owning agency adds and removes files while the scenario is editable;
 * whoever may view the scenario may list and download them; the public, once it is published.
 */
@Injectable()
export class AttachmentService {
  private readonly logger = new Logger(AttachmentService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scenarios: ScenarioService,
    private readonly publicScenarios: PublicScenarioService,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Streams the file to storage while counting, hashing and sniffing it, then records it, with its
   * event and audit record, in one transaction. On any refusal or failure nothing stays behind: no
   * row and no stored file.
   */
  async upload(ctx: ActorContext, scenarioId: string, upload: AttachmentUpload): Promise<AttachmentView> {
    const fileName = await checkBeforeReading(upload, async () => {
      const name = sanitizeFileName(upload.fileName);
      if (!name) throw new ValidationFailedError([{ field: 'file', rule: 'attachment.file_name' }]);
      // Cheap refusals before reading a byte (checked again under lock below).
      const s = await this.scenarios.findVisible(this.dataSource.manager, ctx.actor, scenarioId);
      if (!scenarioPolicy.isOwningAgencyMember(ctx.actor, s)) throw new AccessError('ACCESS_FORBIDDEN');
      this.assertEditable(s);
      await this.assertRoom(this.dataSource.manager.count(ScenarioAttachmentEntity, { where: { scenarioId } }));
      if (!isAllowedExtension(name)) throw typeNotAllowed();
      return name;
    });

    const id = randomUUID();
    const storageKey = `scenarios/${scenarioId}/attachments/${id}`;
    const maxBytes = this.config.ATTACHMENT_MAX_BYTES;
    return storeUpload(this.storage, upload, {
      storageKey,
      fileName,
      maxBytes,
      tooLarge: () => new AttachmentError('ATTACHMENT_TOO_LARGE', { maxBytes }, 'file'),
      typeNotAllowed,
      onOrphan: (e) => this.logger.error({ err: e, storageKey }, 'Could not remove the file of a refused upload'),
      record: ({ mediaType, sizeBytes, sha256 }) =>
        this.dataSource.transaction(async (em) => {
          const locked = await this.scenarios.lockOwnedForChange(em, ctx.actor, scenarioId);
          this.assertEditable(locked);
          await this.assertRoom(em.count(ScenarioAttachmentEntity, { where: { scenarioId } }));
          const a = await em.save(
            em.create(ScenarioAttachmentEntity, {
              id,
              scenarioId,
              fileName,
              mediaType,
              sizeBytes,
              sha256,
              storageKey,
              uploadedBy: ctx.actor.userId,
            }),
          );
          await this.outbox.publish(em, ctx, {
            type: 'scenario.attachment_added',
            aggregateType: 'scenario',
            aggregateId: scenarioId,
            payload: { scenarioId, attachmentId: id },
          });
          await this.audit.record(em, ctx, {
            action: 'scenario.attachment_add',
            objectType: 'scenario',
            objectId: scenarioId,
            after: { attachmentId: id, fileName, mediaType, sizeBytes: a.sizeBytes, sha256: a.sha256 },
          });
          return AttachmentView.of(a);
        }),
    });
  }

  /** Removes an attachment (owning agency, editable scenario); the file goes once the removal is committed. */
  async remove(ctx: ActorContext, scenarioId: string, attachmentId: string): Promise<void> {
    const removed = await this.dataSource.transaction(async (em) => {
      const s = await this.scenarios.lockOwnedForChange(em, ctx.actor, scenarioId);
      const a = await em.findOne(ScenarioAttachmentEntity, { where: { id: attachmentId, scenarioId } });
      if (!a) throw new AttachmentError('ATTACHMENT_NOT_FOUND');
      this.assertEditable(s);
      await em.delete(ScenarioAttachmentEntity, { id: a.id });
      await this.outbox.publish(em, ctx, {
        type: 'scenario.attachment_removed',
        aggregateType: 'scenario',
        aggregateId: scenarioId,
        payload: { scenarioId, attachmentId },
      });
      await this.audit.record(em, ctx, {
        action: 'scenario.attachment_remove',
        objectType: 'scenario',
        objectId: scenarioId,
        before: {
          attachmentId,
          fileName: a.fileName,
          mediaType: a.mediaType,
          sizeBytes: a.sizeBytes,
          sha256: a.sha256,
        },
      });
      return a;
    });
    // After the commit: a failure here leaves an unreferenced file, never a row without its file.
    await this.storage.delete(removed.storageKey).catch((e: unknown) => {
      this.logger.error(
        { err: e, storageKey: removed.storageKey },
        'Could not remove the file of a removed attachment',
      );
    });
  }

  /** The attachments of a scenario the actor may view, oldest first. */
  async list(actor: Actor, scenarioId: string): Promise<AttachmentView[]> {
    await this.scenarios.findVisible(this.dataSource.manager, actor, scenarioId);
    return (await findAttachments(this.dataSource.manager, scenarioId)).map((a) => AttachmentView.of(a));
  }

  /** An attachment of a scenario the actor may view, with its bytes. */
  async download(actor: Actor, scenarioId: string, attachmentId: string): Promise<AttachmentDownload> {
    await this.scenarios.findVisible(this.dataSource.manager, actor, scenarioId);
    const a = await this.dataSource.manager.findOne(ScenarioAttachmentEntity, {
      where: { id: attachmentId, scenarioId },
    });
    if (!a) throw new AttachmentError('ATTACHMENT_NOT_FOUND');
    return { attachment: AttachmentView.of(a), content: await this.storage.get(a.storageKey) };
  }

  /** An attachment of a public scenario, named by the scenario's code or id; not found otherwise. */
  async downloadPublic(codeOrId: string, attachmentId: string): Promise<AttachmentDownload> {
    const s = await this.publicScenarios.findPublic(codeOrId);
    const a = await this.dataSource.manager.findOne(ScenarioAttachmentEntity, {
      where: { id: attachmentId, scenarioId: s.id },
    });
    if (!a) throw new AttachmentError('ATTACHMENT_NOT_FOUND');
    return { attachment: AttachmentView.of(a), content: await this.storage.get(a.storageKey) };
  }

  private assertEditable(s: ScenarioEntity): void {
    if (!EDITABLE_SCENARIO_STATUSES.includes(s.status)) {
      throw new ScenarioError('SCENARIO_NOT_EDITABLE', { status: s.status });
    }
  }

  private async assertRoom(count: Promise<number>): Promise<void> {
    const max = this.config.ATTACHMENTS_PER_SCENARIO_MAX;
    if ((await count) >= max) throw new AttachmentError('ATTACHMENT_LIMIT_REACHED', { max });
  }
}
