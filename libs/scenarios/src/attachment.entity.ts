import { Column, Entity } from 'typeorm';
import { StoredFileRecord } from '@app/storage';

/** A file attached to a scenario; the bytes live in `FileStorage` under `storageKey`. */
@Entity('scenario_attachment')
export class ScenarioAttachmentEntity extends StoredFileRecord {
  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  /** The client's name, sanitised (no path, no control characters, at most 200 characters). */
  @Column('text', { name: 'file_name' })
  fileName: string;
}
