import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { ScenarioEntity, ScenarioError, scenarioPolicy } from '@app/scenarios';
import { DeliveryEntity } from './delivery.entity';
import { DeliveryError } from './delivery.errors';
import { deliveryPolicy, type DeliveryRole } from './delivery.policy';

export interface DeliveryScope {
  scenario: ScenarioEntity;
  /** Every delivery of the scenario, oldest first. */
  deliveries: DeliveryEntity[];
  role: DeliveryRole;
}

/**
 * The scenario, its deliveries and who the caller is to them. Not found when the caller may not see
 * the scenario (its existence is not revealed) or takes no part in its delivery (nor is there one).
 * `forChange` holds the scenario row (FOR SHARE) until the transaction ends, so a concurrent status
 * change (acceptance) waits, and the status checked here stays true until commit; `'exclusive'`
 * (FOR NO KEY UPDATE) also makes concurrent exclusive holders of the same scenario wait for each
 * other. Lock order everywhere: scenario first, then delivery rows.
 */
export async function deliveryScope(
  em: EntityManager,
  actor: Actor,
  scenarioId: string,
  forChange: boolean | 'exclusive' = false,
): Promise<DeliveryScope> {
  const mode = forChange === 'exclusive' ? 'for_no_key_update' : forChange ? 'pessimistic_read' : null;
  const scenario = await em.findOne(ScenarioEntity, {
    where: { id: scenarioId },
    ...(mode ? { lock: { mode } } : {}),
  });
  if (!scenario || !scenarioPolicy.canView(actor, scenario)) throw new ScenarioError('SCENARIO_NOT_FOUND');
  const deliveries = await em.find(DeliveryEntity, {
    where: { scenarioId },
    order: { startedAt: 'ASC', id: 'ASC' },
  });
  const role = deliveryPolicy.roleOf(actor, scenario, deliveries);
  if (!role || deliveries.length === 0) throw new DeliveryError('DELIVERY_NOT_FOUND');
  return { scenario, deliveries, role };
}

/** Changes to a delivery happen only while the scenario is in delivery. */
export function assertInDelivery(s: Pick<ScenarioEntity, 'status'>): void {
  if (s.status !== 'in_delivery') throw new DeliveryError('DELIVERY_NOT_IN_DELIVERY', { status: s.status });
}
