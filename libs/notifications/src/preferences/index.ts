export * from './notification-modes';
export * from './notification-type-labels';
export * from './notification-settings.errors';
export * from './notification-preference.dto';
export * from './notification-preference.views';
export * from './notification-preference.service';
export * from './unsubscribe-links';
export * from './unsubscribe.service';
