import { StateMachine } from '@app/common';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
/** Statuses a list may be filtered by. */
export const WEBHOOK_DELIVERY_LIST_STATUSES = WEBHOOK_DELIVERY_STATUSES;

export type WebhookDeliveryTransition = 'deliver' | 'fail_attempt' | 'exhaust' | 'replay' | 'retry_now';

/**
 * pending → delivered (2xx) | failed (an attempt failed, the next is scheduled) | dead (retries
 * exhausted); failed → the same; dead → pending (the organisation admin replays it, or staff retry);
 * failed → pending (staff retry now, with a fresh attempt count).
 */
export const webhookDeliveryMachine = new StateMachine<WebhookDeliveryStatus, WebhookDeliveryTransition>(
  'webhook_delivery',
  {
    deliver: { from: ['pending', 'failed'], to: 'delivered', by: ['system'] },
    fail_attempt: { from: ['pending', 'failed'], to: 'failed', by: ['system'] },
    exhaust: { from: ['pending', 'failed'], to: 'dead', by: ['system'] },
    replay: { from: ['dead'], to: 'pending', by: ['agency_admin', 'vendor_admin', 'staff', 'platform_admin'] },
    retry_now: { from: ['dead', 'failed'], to: 'pending', by: ['staff', 'platform_admin'] },
  },
);

/** The statuses a transition starts from, for guarded SQL updates. */
export const fromStatuses = (t: WebhookDeliveryTransition): readonly WebhookDeliveryStatus[] =>
  webhookDeliveryMachine.transitions[t].from;
