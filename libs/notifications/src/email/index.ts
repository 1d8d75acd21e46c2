export * from './email-transport';
export * from './raw-email';
