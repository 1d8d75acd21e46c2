export * from './domain-events';
export * from './queues';
export * from './redis-options';
export * from './queue.module';
