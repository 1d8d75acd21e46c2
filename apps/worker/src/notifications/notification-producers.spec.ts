import 'reflect-metadata';
import {
  mayProduce,
  NOTIFICATION_TYPES,
  NOTIFICATIONS_BY_EVENT,
  NOTIFYING_EVENTS,
  producersByType,
} from '@app/notifications';
import { HandlesDomainEvent } from '../domain-events/domain-event-handler';
import { NOTIFICATION_HANDLERS } from './notification.handlers';

/** The event type a worker handler class is registered for (its @HandlesDomainEvent metadata). */
const handledEvent = (handler: object): unknown => Reflect.getMetadata(HandlesDomainEvent.KEY, handler);

describe('every notification type has a producer in the worker', () => {
  it.each([...NOTIFICATION_TYPES])('%s is raised by at least one domain event', (type) => {
    expect(producersByType()[type].length).toBeGreaterThan(0);
  });

  it('has exactly one worker handler per producing domain event', () => {
    const handled = NOTIFICATION_HANDLERS.map(handledEvent);
    expect([...handled].sort()).toEqual([...NOTIFYING_EVENTS].sort());
    expect(new Set(NOTIFICATION_HANDLERS.map((h) => h.name)).size).toBe(NOTIFICATION_HANDLERS.length);
  });

  it('names only catalogue types in the routing table', () => {
    const named: readonly string[] = Object.values(NOTIFICATIONS_BY_EVENT).flat();
    expect(named.length).toBeGreaterThanOrEqual(NOTIFICATION_TYPES.length);
    for (const type of named) expect(NOTIFICATION_TYPES).toContain(type);
  });

  it('lets the router raise a type only from the events listed for it', () => {
    expect(mayProduce('matching.vendor_invited', 'matching.invited')).toBe(true);
    expect(mayProduce('matching.vendor_invited', 'scenario.matched')).toBe(false);
    expect(mayProduce('scenario.transitioned', 'saved_search.matched')).toBe(true);
    expect(mayProduce('scenario.created', 'scenario.vetting_decision')).toBe(false);
  });
});
