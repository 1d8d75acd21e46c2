import { randomUUID } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, ValidationFailedError } from '@app/common';
import { AuditService } from '@app/audit';
import { AppConfig } from '@app/config';
import { OutboxService } from '@app/outbox';
import { ScenarioEntity } from '@app/scenarios';
import {
  checkBeforeReading,
  FileStorage,
  type FileUpload,
  isAllowedExtension,
  sanitizeFileName,
  storeUpload,
} from '@app/storage';
import { ProposalAttachmentEntity, ProposalEntity } from './proposal.entity';
import { ProposalError } from './proposal.errors';
import { isOpenable } from './proposal-opening.service';
import { attachmentAad, attachmentNameAad, ProposalSealer } from './proposal-seal';
import { OPENED_PROPOSAL_STATUSES } from './proposal-status';
import { ProposalStore } from './proposal-store';
import { proposalsAuditEmbargo } from './proposal-transitions';
import type { ActorContext } from './proposal.service';
import type { ProposalAttachmentDownload, ProposalAttachmentView } from './proposal.views';

const typeNotAllowed = () => new ProposalError('PROPOSAL_ATTACHMENT_TYPE_NOT_ALLOWED', {}, 'file');

/**
 * Proposal attachments: the lead uploads and removes files while the proposal is editable and the
 * deadline is ahead. Files are sniffed like scenario attachments, then sealed (AES-256-GCM) on their
 * way to storage; their names are sealed in the database. Readers are those of the proposal.
 */
@Injectable()
export class ProposalAttachmentService {
  private readonly logger = new Logger(ProposalAttachmentService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ProposalStore,
    private readonly sealer: ProposalSealer,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Streams the file through sniffing, hashing and sealing into storage, then records it with its
   * event and audit record in one transaction. On any refusal or failure nothing stays behind.
   */
  async upload(ctx: ActorContext, proposalId: string, upload: FileUpload): Promise<ProposalAttachmentView> {
    const fileName = await checkBeforeReading(upload, async () => {
      const name = sanitizeFileName(upload.fileName);
      if (!name) throw new ValidationFailedError([{ field: 'file', rule: 'attachment.file_name' }]);
      // Cheap refusals before reading a byte (checked again under lock below).
      await this.dataSource.transaction(async (em) => {
        await this.lockForChange(em, ctx, proposalId);
        const max = this.config.PROPOSAL_ATTACHMENTS_MAX;
        if ((await em.count(ProposalAttachmentEntity, { where: { proposalId } })) >= max) {
          throw new ProposalError('PROPOSAL_ATTACHMENT_LIMIT_REACHED', { max });
        }
      });
      if (!isAllowedExtension(name)) throw typeNotAllowed();
      return name;
    });

    const id = randomUUID();
    const storageKey = `proposals/${proposalId}/attachments/${id}`;
    const maxBytes = this.config.ATTACHMENT_MAX_BYTES;
    // Sealed on the way to storage: only ciphertext is ever written.
    const sealing = this.sealer.sealingStream(attachmentAad(id));
    return storeUpload(this.storage, upload, {
      storageKey,
      fileName,
      maxBytes,
      tooLarge: () => new ProposalError('PROPOSAL_ATTACHMENT_TOO_LARGE', { maxBytes }, 'file'),
      typeNotAllowed,
      through: sealing.stream,
      readBack: () => this.openStored(storageKey, sealing.iv, sealing.tag(), id),
      onOrphan: (e) =>
        this.logger.error({ err: e, storageKey }, 'Could not remove the file of a refused proposal upload'),
      record: ({ mediaType, sizeBytes, sha256 }) =>
        this.dataSource.transaction(async (em) => {
          const p = await this.lockForChange(em, ctx, proposalId);
          const a = em.create(ProposalAttachmentEntity, {
            id,
            proposalId,
            sealedFileName: this.sealer.sealText(fileName, attachmentNameAad(id)),
            mediaType,
            sizeBytes,
            sha256,
            storageKey,
            sealIv: sealing.iv,
            sealTag: sealing.tag(),
            uploadedBy: ctx.actor.userId,
          });
          await em.insert(ProposalAttachmentEntity, a);
          await this.record(em, ctx, p, 'add', a);
          const saved = await em.findOneOrFail(ProposalAttachmentEntity, { where: { id } });
          return this.store.attachmentView(saved);
        }),
    });
  }

  /** Removes an attachment (lead, editable proposal, before the deadline); the file goes after the commit. */
  async remove(ctx: ActorContext, proposalId: string, attachmentId: string): Promise<void> {
    const removed = await this.dataSource.transaction(async (em) => {
      const p = await this.lockForChange(em, ctx, proposalId);
      const a = await em.findOne(ProposalAttachmentEntity, { where: { id: attachmentId, proposalId } });
      if (!a) throw new ProposalError('PROPOSAL_ATTACHMENT_NOT_FOUND');
      await em.delete(ProposalAttachmentEntity, { id: a.id });
      await this.record(em, ctx, p, 'remove', a);
      return a;
    });
    await this.storage.delete(removed.storageKey).catch((e: unknown) => {
      this.logger.error({ err: e, storageKey: removed.storageKey }, 'Could not remove a removed proposal file');
    });
  }

  /** The attachments of a proposal the actor may read, oldest first. */
  async list(actor: Actor, proposalId: string): Promise<ProposalAttachmentView[]> {
    const { p } = await this.store.readable(actor, proposalId);
    return (await this.store.attachmentsOf(this.dataSource.manager, [p.id])).get(p.id) ?? [];
  }

  /** An attachment of a proposal the actor may read, with its unsealed bytes. */
  async download(actor: Actor, proposalId: string, attachmentId: string): Promise<ProposalAttachmentDownload> {
    const { p } = await this.store.readable(actor, proposalId);
    return this.downloadOf(p.id, attachmentId);
  }

  /**
   * For the evaluation context: an attachment of an opened proposal (its caller applies its own access
   * rules). PROPOSAL_SEALED until the proposal was opened.
   */
  async openedAttachment(proposalId: string, attachmentId: string): Promise<ProposalAttachmentDownload> {
    const em = this.dataSource.manager;
    const p = await em.findOne(ProposalEntity, { where: { id: proposalId } });
    if (!p) throw new ProposalError('PROPOSAL_NOT_FOUND');
    const s = await em.findOne(ScenarioEntity, { where: { id: p.scenarioId } });
    if (!s || !isOpenable(s, this.store.now())) throw new ProposalError('PROPOSAL_SEALED');
    await this.store.ensureOpened(s.id);
    const now = await em.findOne(ProposalEntity, { where: { id: proposalId } });
    if (!now || !OPENED_PROPOSAL_STATUSES.includes(now.status)) throw new ProposalError('PROPOSAL_NOT_FOUND');
    return this.downloadOf(p.id, attachmentId);
  }

  private async downloadOf(proposalId: string, attachmentId: string): Promise<ProposalAttachmentDownload> {
    const a = await this.dataSource.manager.findOne(ProposalAttachmentEntity, {
      where: { id: attachmentId, proposalId },
    });
    if (!a) throw new ProposalError('PROPOSAL_ATTACHMENT_NOT_FOUND');
    return {
      attachment: this.store.attachmentView(a),
      content: await this.openStored(a.storageKey, a.sealIv, a.sealTag, a.id),
    };
  }

  /** A stored file's bytes, unsealed on the way (an altered file fails at its end). */
  private async openStored(storageKey: string, iv: Buffer, tag: Buffer, id: string): Promise<Readable> {
    const source = await this.storage.get(storageKey);
    return pipeline(source, this.sealer.openingStream(iv, tag, attachmentAad(id)), () => undefined);
  }

  /** Lead, before the deadline, editable proposal, and room for one more file. */
  private async lockForChange(em: EntityManager, ctx: ActorContext, proposalId: string): Promise<ProposalEntity> {
    const p = await this.store.lockForLead(em, ctx.actor, proposalId);
    const s = await this.store.lockScenario(em, null, p.scenarioId);
    this.store.assertAcceptingProposals(s, this.store.now());
    this.store.assertEditable(p);
    return p;
  }

  private async record(
    em: EntityManager,
    ctx: ActorContext,
    p: ProposalEntity,
    change: 'add' | 'remove',
    a: ProposalAttachmentEntity,
  ): Promise<void> {
    if (change === 'add') {
      const max = this.config.PROPOSAL_ATTACHMENTS_MAX;
      if ((await em.count(ProposalAttachmentEntity, { where: { proposalId: p.id } })) > max) {
        throw new ProposalError('PROPOSAL_ATTACHMENT_LIMIT_REACHED', { max });
      }
    }
    const before = { scenarioId: p.scenarioId, status: p.status, version: p.version };
    p.version += 1;
    await em.save(ProposalEntity, p);
    await this.outbox.publish(em, ctx, {
      type: change === 'add' ? 'proposal.attachment_added' : 'proposal.attachment_removed',
      aggregateType: 'proposal',
      aggregateId: p.id,
      payload: { proposalId: p.id, scenarioId: p.scenarioId, attachmentId: a.id },
    });
    // The file name is sealed content: only the id, type, size and hash are audited.
    await this.audit.record(em, ctx, {
      action: `proposal.attachment_${change}`,
      objectType: 'proposal',
      objectId: p.id,
      before,
      after: {
        ...before,
        version: p.version,
        attachmentId: a.id,
        mediaType: a.mediaType,
        sizeBytes: a.sizeBytes,
        sha256: a.sha256,
      },
      embargo: proposalsAuditEmbargo(p.scenarioId),
    });
  }
}
