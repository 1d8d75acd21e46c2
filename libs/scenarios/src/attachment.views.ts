import type { Readable } from 'node:stream';
import { ApiProperty } from '@nestjs/swagger';
import type { ScenarioAttachmentEntity } from './attachment.entity';

/** What anyone may know of a public scenario's attachment. */
export class PublicAttachmentView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '需求说明.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty() sizeBytes: number;

  static of(a: Pick<ScenarioAttachmentEntity, 'id' | 'fileName' | 'mediaType' | 'sizeBytes'>): PublicAttachmentView {
    return { id: a.id, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes };
  }
}

export class AttachmentView extends PublicAttachmentView {
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256: string;
  @ApiProperty() createdAt: string;

  static override of(a: ScenarioAttachmentEntity): AttachmentView {
    return { ...PublicAttachmentView.of(a), sha256: a.sha256, createdAt: a.createdAt.toISOString() };
  }
}

/** An attachment to send: its metadata and a stream of its bytes (the caller must consume or destroy it). */
export interface AttachmentDownload {
  attachment: AttachmentView;
  content: Readable;
}
