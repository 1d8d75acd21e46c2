export * from './render-email';
export * from './email-format';
export * from './notification-texts';
export * from './unsubscribe-page';
