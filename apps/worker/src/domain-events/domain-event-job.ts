import { UnrecoverableError } from 'bullmq';
import type { DomainEventJobData, DomainEventType } from '@app/queue';

/** What a domain-events job records as its progress and returns: the handlers that have run. */
export interface DomainEventJobProgress {
  handledBy: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The event a job carries, checked against what the relay writes. A job that does not match will
 * never become valid, so it fails at once (UnrecoverableError: no retries) rather than retrying.
 */
export function domainEventFromJob(name: string, data: unknown): DomainEventJobData {
  const problems: string[] = [];
  if (!isRecord(data)) throw new UnrecoverableError(`Domain event job ${name}: data is not an object`);
  if (typeof data.eventId !== 'string' || !UUID.test(data.eventId)) problems.push('eventId is not a uuid');
  if (data.type !== name) problems.push(`type ${JSON.stringify(data.type)} differs from the job name`);
  if (typeof data.aggregateType !== 'string') problems.push('aggregateType is not a string');
  if (typeof data.aggregateId !== 'string') problems.push('aggregateId is not a string');
  if (!isRecord(data.payload)) problems.push('payload is not an object');
  if (typeof data.occurredAt !== 'string' || Number.isNaN(Date.parse(data.occurredAt))) {
    problems.push('occurredAt is not a timestamp');
  }
  if (data.requestId !== null && typeof data.requestId !== 'string') problems.push('requestId is not a string');
  if (problems.length) throw new UnrecoverableError(`Domain event job ${name}: ${problems.join('; ')}`);
  return { ...(data as unknown as DomainEventJobData), type: name as DomainEventType };
}

/** Handlers an earlier attempt of this job already ran (from its progress); [] for a first attempt. */
export function handledSoFar(progress: unknown): string[] {
  if (!isRecord(progress) || !Array.isArray(progress.handledBy)) return [];
  return progress.handledBy.filter((name): name is string => typeof name === 'string');
}
