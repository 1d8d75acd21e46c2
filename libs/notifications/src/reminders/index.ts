export * from './reminder-jobs';
export * from './deadline-reminder.service';
