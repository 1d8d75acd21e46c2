import { Column, CreateDateColumn, PrimaryColumn } from 'typeorm';
import { numberColumn } from '@app/database';

/**
 * The columns every record of an uploaded file has (scenario, proposal and progress-report
 * attachments extend it with their owner and, where it is stored in the clear, the file name).
 */
export abstract class StoredFileRecord {
  /** Generated before the upload, so the storage key can carry it. */
  @PrimaryColumn('uuid')
  id: string;

  /** From the sniffed content and the agreeing extension, never from the client's Content-Type. */
  @Column('text', { name: 'media_type' })
  mediaType: string;

  @Column('bigint', { name: 'size_bytes', transformer: numberColumn })
  sizeBytes: number;

  /** SHA-256 of the content as uploaded, lower-case hex. */
  @Column('text')
  sha256: string;

  @Column('text', { name: 'storage_key' })
  storageKey: string;

  @Column('uuid', { name: 'uploaded_by' })
  uploadedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
