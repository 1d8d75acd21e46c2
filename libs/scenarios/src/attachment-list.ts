import type { EntityManager } from 'typeorm';
import { ScenarioAttachmentEntity } from './attachment.entity';

/** A scenario's attachments, oldest first. */
export function findAttachments(em: EntityManager, scenarioId: string): Promise<ScenarioAttachmentEntity[]> {
  return em.find(ScenarioAttachmentEntity, { where: { scenarioId }, order: { createdAt: 'ASC', id: 'ASC' } });
}
