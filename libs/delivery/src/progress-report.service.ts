import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
import { AttachmentError, type ActorContext } from '@app/scenarios';
import { MilestoneEntity, ProgressReportAttachmentEntity, ProgressReportEntity } from './delivery.entity';
import { DeliveryError } from './delivery.errors';
import { assertVerifiedOrganisation } from './delivery.policy';
import { assertInDelivery, deliveryScope, type DeliveryScope } from './delivery-scope';
import { type ProgressAttachmentDownload, ProgressAttachmentView, ProgressReportView } from './delivery.views';
import type { CreateProgressReportDto } from './delivery.dto';

/** Files one progress report may carry. */
export const PROGRESS_REPORT_ATTACHMENTS_MAX = 10;

const typeNotAllowed = () => new AttachmentError('ATTACHMENT_TYPE_NOT_ALLOWED', {}, 'file');

/**
 * Progress reports (进度报告) by the winning vendor (lead or consortium member): text, percent complete,
 * optionally the milestone they are about, and files (sniffed like scenario attachments).
 */
@Injectable()
export class ProgressReportService {
  private readonly logger = new Logger(ProgressReportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(ctx: ActorContext, scenarioId: string, dto: CreateProgressReportDto): Promise<ProgressReportView> {
    return this.dataSource.transaction(async (em) => {
      const scope = await deliveryScope(em, ctx.actor, scenarioId, true);
      if (scope.role.kind !== 'vendor') throw new AccessError('ACCESS_FORBIDDEN');
      assertInDelivery(scope.scenario);
      await assertVerifiedOrganisation(em, ctx.actor);
      const delivery = scope.role.delivery;
      if (dto.milestoneId !== undefined) {
        const m = await em.findOne(MilestoneEntity, { where: { id: dto.milestoneId, deliveryId: delivery.id } });
        if (!m) throw new ValidationFailedError([{ field: 'milestoneId', rule: 'delivery.milestone_not_in_delivery' }]);
      }
      const report = await em.save(
        em.create(ProgressReportEntity, {
          deliveryId: delivery.id,
          milestoneId: dto.milestoneId ?? null,
          text: dto.text,
          percentComplete: dto.percentComplete,
          reportedBy: ctx.actor.userId,
          organisationId: ctx.actor.organisationId as string,
        }),
      );
      await this.outbox.publish(em, ctx, {
        type: 'delivery.progress_reported',
        aggregateType: 'delivery',
        aggregateId: delivery.id,
        payload: {
          scenarioId,
          deliveryId: delivery.id,
          reportId: report.id,
          milestoneId: report.milestoneId,
          percentComplete: report.percentComplete,
          agencyOrganisationId: scope.scenario.agencyOrganisationId,
        },
      });
      await this.audit.record(em, ctx, {
        action: 'delivery.progress_report',
        objectType: 'delivery',
        objectId: delivery.id,
        after: { reportId: report.id, milestoneId: report.milestoneId, percentComplete: report.percentComplete },
      });
      return ProgressReportView.of(report);
    });
  }

  /**
   * A file for a report, by a user of the vendor that wrote it, while the scenario is in delivery.
   * Streamed to storage while counted, hashed and sniffed; on any refusal nothing stays behind.
   */
  async upload(
    ctx: ActorContext,
    scenarioId: string,
    reportId: string,
    upload: FileUpload,
  ): Promise<ProgressAttachmentView> {
    const fileName = await checkBeforeReading(upload, async () => {
      const name = sanitizeFileName(upload.fileName);
      if (!name) throw new ValidationFailedError([{ field: 'file', rule: 'attachment.file_name' }]);
      // Cheap refusals before reading a byte (checked again under lock below).
      await this.dataSource.transaction(async (em) => this.assertMayAttach(ctx, scenarioId, reportId, em));
      if (!isAllowedExtension(name)) throw typeNotAllowed();
      return name;
    });

    const id = randomUUID();
    const storageKey = `deliveries/${scenarioId}/reports/${reportId}/${id}`;
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
          const { scope, report } = await this.assertMayAttach(ctx, scenarioId, reportId, em);
          const a = await em.save(
            em.create(ProgressReportAttachmentEntity, {
              id,
              reportId,
              fileName,
              mediaType,
              sizeBytes,
              sha256,
              storageKey,
              uploadedBy: ctx.actor.userId,
            }),
          );
          await this.outbox.publish(em, ctx, {
            type: 'delivery.progress_attachment_added',
            aggregateType: 'delivery',
            aggregateId: report.deliveryId,
            payload: { scenarioId: scope.scenario.id, deliveryId: report.deliveryId, reportId, attachmentId: id },
          });
          await this.audit.record(em, ctx, {
            action: 'delivery.progress_attachment_add',
            objectType: 'delivery',
            objectId: report.deliveryId,
            after: { reportId, attachmentId: id, fileName, mediaType, sizeBytes: a.sizeBytes, sha256: a.sha256 },
          });
          return ProgressAttachmentView.of(a);
        }),
    });
  }

  /** A report's file, for whoever may see the report (the centre, the owning agency, its vendor). */
  async download(
    actor: Actor,
    scenarioId: string,
    reportId: string,
    attachmentId: string,
  ): Promise<ProgressAttachmentDownload> {
    const em = this.dataSource.manager;
    const scope = await deliveryScope(em, actor, scenarioId);
    await this.visibleReport(scope, reportId, em);
    const a = await em.findOne(ProgressReportAttachmentEntity, { where: { id: attachmentId, reportId } });
    if (!a) throw new DeliveryError('DELIVERY_ATTACHMENT_NOT_FOUND');
    return { attachment: ProgressAttachmentView.of(a), content: await this.storage.get(a.storageKey) };
  }

  /**
   * The report, when the caller's vendor wrote it and the scenario is in delivery, with room for one
   * more file. Holds the report row until the transaction ends, so the count cannot be raced.
   */
  private async assertMayAttach(ctx: ActorContext, scenarioId: string, reportId: string, em: EntityManager) {
    const scope = await deliveryScope(em, ctx.actor, scenarioId, true);
    const report = await this.visibleReport(scope, reportId, em, true);
    if (report.organisationId !== ctx.actor.organisationId) throw new AccessError('ACCESS_FORBIDDEN');
    assertInDelivery(scope.scenario);
    await assertVerifiedOrganisation(em, ctx.actor);
    const count = await em.count(ProgressReportAttachmentEntity, { where: { reportId } });
    if (count >= PROGRESS_REPORT_ATTACHMENTS_MAX) {
      throw new DeliveryError('DELIVERY_ATTACHMENT_LIMIT_REACHED', { max: PROGRESS_REPORT_ATTACHMENTS_MAX });
    }
    return { scope, report };
  }

  private async visibleReport(
    scope: DeliveryScope,
    reportId: string,
    em: EntityManager,
    lock = false,
  ): Promise<ProgressReportEntity> {
    const report = await em.findOne(ProgressReportEntity, {
      where: { id: reportId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const delivery = report && scope.deliveries.find((d) => d.id === report.deliveryId);
    if (!report || !delivery || (scope.role.kind === 'vendor' && scope.role.delivery.id !== delivery.id)) {
      throw new DeliveryError('DELIVERY_REPORT_NOT_FOUND');
    }
    return report;
  }
}
