import type { EntityManager } from 'typeorm';
import { ScenarioAttachmentEntity } from './attachment.entity';
import { PublicAttachmentView } from './attachment.views';

/** A scenario's attachments, oldest first. */
export function findAttachments(em: EntityManager, scenarioId: string): Promise<ScenarioAttachmentEntity[]> {
  return em.find(ScenarioAttachmentEntity, { where: { scenarioId }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** A public scenario's attachments as its public detail lists them (the caller has checked it is public). */
export async function publicAttachments(em: EntityManager, scenarioId: string): Promise<PublicAttachmentView[]> {
  return (await findAttachments(em, scenarioId)).map((a) => PublicAttachmentView.of(a));
}
