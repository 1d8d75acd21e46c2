export * from './domain-events';
export * from './queues';
export * from './redis-options';
export * from './connection-lifecycle';
export * from './fail-fast-queue';
export * from './queue-lifecycle';
export * from './queue.module';
