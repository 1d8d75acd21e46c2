import { InvalidTransitionError, StateMachine } from './state-machine';

type S = 'pending' | 'verified' | 'rejected';
const machine = new StateMachine<S, 'verify' | 'reject'>('organisation', {
  verify: { from: ['pending', 'rejected'], to: 'verified', by: ['staff'] },
  reject: { from: ['pending'], to: 'rejected', by: ['staff'] },
});

describe('StateMachine', () => {
  it('moves along declared transitions only', () => {
    expect(machine.next('pending', 'verify')).toBe('verified');
    expect(machine.next('rejected', 'verify')).toBe('verified');
    expect(() => machine.next('verified', 'reject')).toThrow(InvalidTransitionError);
  });

  it('says who may make a transition and what is available', () => {
    expect(machine.allows('verify', 'staff')).toBe(true);
    expect(machine.allows('verify', 'vendor_admin')).toBe(false);
    expect(machine.available('pending').sort()).toEqual(['reject', 'verify']);
    expect(machine.available('verified')).toEqual([]);
  });
});
