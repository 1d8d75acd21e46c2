import { StateMachine } from '@app/common';
import type { DeliveryStatus } from './delivery.dto';

export type EmailDeliveryTransition = 'send' | 'fail_attempt' | 'exhaust' | 'retry' | 'send_digest';

/**
 * An email delivery's life: pending → sent (the server accepted it) | pending (an attempt failed,
 * the job retries) | failed (NOTIFICATION_EMAIL_MAX_ATTEMPTS used up, listed to staff); failed →
 * pending (staff retry, fresh attempts); digest_pending → sent (in the daily digest). `skipped` is
 * allowed by the table but no transition leads there yet.
 *
 * Deliveries change status in guarded bulk UPDATEs (many rows per statement), so the services take
 * each transition's `from` and `to` from here (`guard`) rather than loading rows to call `next()`.
 */
export const emailDeliveryMachine = new StateMachine<DeliveryStatus, EmailDeliveryTransition>('email_delivery', {
  send: { from: ['pending'], to: 'sent', by: ['system'] },
  fail_attempt: { from: ['pending'], to: 'pending', by: ['system'] },
  exhaust: { from: ['pending'], to: 'failed', by: ['system'] },
  retry: { from: ['failed'], to: 'pending', by: ['staff', 'platform_admin'] },
  send_digest: { from: ['digest_pending'], to: 'sent', by: ['system'] },
});

/** A transition as the two parameters of a guarded UPDATE: `SET status = to … WHERE status = ANY (from)`. */
export function deliveryGuard(transition: EmailDeliveryTransition): { from: DeliveryStatus[]; to: DeliveryStatus } {
  const rule = emailDeliveryMachine.transitions[transition];
  return { from: [...rule.from], to: rule.to };
}
