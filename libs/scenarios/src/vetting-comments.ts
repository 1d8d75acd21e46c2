import type { EntityManager } from 'typeorm';
import { ScenarioReviewEntity } from './scenario.entity';
import type { ScenarioStatus } from './scenario-status';

/** The vetting outcome the owning agency (and the centre) read on the scenario view. */
export interface VettingOutcome {
  /** The per-field comments of the latest return (status `returned`) or rejection (`rejected`); else null. */
  vettingComments: Record<string, string> | null;
  /** The reason of the latest rejection (status `rejected` only); else null. */
  vettingReason: string | null;
}

const DECISION_OF_STATUS: Partial<Record<ScenarioStatus, ScenarioReviewEntity['decision']>> = {
  returned: 'return',
  rejected: 'reject',
};

/**
 * The comments of the vetting decision that put the scenario in its current status: only while it is
 * `returned` or `rejected` (after a resubmission or an approval the old comments no longer apply).
 * Never for public views: callers add it only for viewers who see everything.
 */
export async function vettingOutcome(
  em: EntityManager,
  s: { id: string; status: ScenarioStatus },
): Promise<VettingOutcome> {
  const decision = DECISION_OF_STATUS[s.status];
  if (!decision) return { vettingComments: null, vettingReason: null };
  const review = await em.getRepository(ScenarioReviewEntity).findOne({
    where: { scenarioId: s.id, decision },
    order: { decidedAt: 'DESC', id: 'DESC' },
  });
  if (!review) return { vettingComments: null, vettingReason: null };
  return {
    vettingComments: { ...(review.fieldComments ?? {}) },
    vettingReason: decision === 'reject' ? review.reason : null,
  };
}
