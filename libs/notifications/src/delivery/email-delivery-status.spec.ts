import { InvalidTransitionError } from '@app/common';
import { DELIVERY_STATUSES } from './delivery.dto';
import { deliveryGuard, emailDeliveryMachine } from './email-delivery-status';

describe('emailDeliveryMachine', () => {
  it('sends, retries and gives up only from pending', () => {
    expect(emailDeliveryMachine.next('pending', 'send')).toBe('sent');
    expect(emailDeliveryMachine.next('pending', 'fail_attempt')).toBe('pending');
    expect(emailDeliveryMachine.next('pending', 'exhaust')).toBe('failed');
    for (const from of ['sent', 'failed', 'digest_pending', 'skipped'] as const) {
      expect(() => emailDeliveryMachine.next(from, 'send')).toThrow(InvalidTransitionError);
      expect(() => emailDeliveryMachine.next(from, 'exhaust')).toThrow(InvalidTransitionError);
    }
  });

  it('lets staff put a failed delivery back to pending, and nothing else', () => {
    expect(emailDeliveryMachine.next('failed', 'retry')).toBe('pending');
    expect(() => emailDeliveryMachine.next('sent', 'retry')).toThrow(InvalidTransitionError);
    expect(() => emailDeliveryMachine.next('pending', 'retry')).toThrow(InvalidTransitionError);
    expect(emailDeliveryMachine.allows('retry', 'staff')).toBe(true);
    expect(emailDeliveryMachine.allows('retry', 'vendor_admin')).toBe(false);
    expect(emailDeliveryMachine.allows('send', 'staff')).toBe(false);
  });

  it('marks digest items sent only from digest_pending', () => {
    expect(emailDeliveryMachine.next('digest_pending', 'send_digest')).toBe('sent');
    expect(() => emailDeliveryMachine.next('pending', 'send_digest')).toThrow(InvalidTransitionError);
  });

  it('gives guarded UPDATEs the statuses of the machine, never a sent row back to pending', () => {
    expect(deliveryGuard('send')).toEqual({ from: ['pending'], to: 'sent' });
    expect(deliveryGuard('retry')).toEqual({ from: ['failed'], to: 'pending' });
    const intoPending = (['send', 'fail_attempt', 'exhaust', 'retry', 'send_digest'] as const).filter(
      (t) => deliveryGuard(t).to === 'pending',
    );
    for (const t of intoPending) expect(deliveryGuard(t).from).not.toContain('sent');
    // Every status the machine names is one the table allows.
    for (const rule of Object.values(emailDeliveryMachine.transitions)) {
      for (const s of [...rule.from, rule.to]) expect(DELIVERY_STATUSES).toContain(s);
    }
  });
});
