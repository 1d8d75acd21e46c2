import { InvalidTransitionError, ROLES } from '@app/common';
import {
  EVALUATION_STATUSES,
  EVALUATION_TRANSITIONS,
  evaluationLifecycle,
  OBJECTION_STATUSES,
  OBJECTION_TRANSITIONS,
  objectionLifecycle,
} from './evaluation-status';

describe('evaluation and objection life cycles', () => {
  /** Written from the brief, independently of the machine: status → transition → next status. */
  const EVALUATION: Record<string, Record<string, string>> = {
    setup: { open_scoring: 'scoring' },
    scoring: { close_panel: 'closed' },
    closed: { decide: 'decided' },
    decided: { reopen: 'scoring' },
  };
  const OBJECTION: Record<string, Record<string, string>> = {
    lodged: { uphold: 'upheld', dismiss: 'dismissed', lapse: 'lapsed' },
    upheld: {},
    dismissed: {},
    lapsed: {},
  };

  it('moves an evaluation exactly as the model says, for every status × transition', () => {
    for (const from of EVALUATION_STATUSES)
      for (const t of EVALUATION_TRANSITIONS) {
        const to = EVALUATION[from][t];
        if (to) expect(evaluationLifecycle.next(from, t)).toBe(to);
        else expect(() => evaluationLifecycle.next(from, t)).toThrow(InvalidTransitionError);
      }
  });

  it('moves an objection exactly as the model says; decided objections are final', () => {
    for (const from of OBJECTION_STATUSES)
      for (const t of OBJECTION_TRANSITIONS) {
        const to = OBJECTION[from][t];
        if (to) expect(objectionLifecycle.next(from, t)).toBe(to);
        else expect(() => objectionLifecycle.next(from, t)).toThrow(InvalidTransitionError);
      }
  });

  it('lets only centre staff make any of these transitions', () => {
    for (const role of [...ROLES, 'system' as const]) {
      for (const t of EVALUATION_TRANSITIONS) expect(evaluationLifecycle.allows(t, role)).toBe(role === 'staff');
      for (const t of OBJECTION_TRANSITIONS) expect(objectionLifecycle.allows(t, role)).toBe(role === 'staff');
    }
  });
});
