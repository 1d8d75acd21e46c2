import fc from 'fast-check';
import {
  acceptanceOutcome,
  addDays,
  huzhouDate,
  isCalendarDate,
  isDueSoon,
  isOverdue,
  kpiViolations,
  mayAnswerChange,
  milestoneChangeViolations,
  milestoneNotices,
  verdictViolations,
} from './delivery-rules';
import {
  ACCEPTANCE_VERDICTS,
  type AcceptanceVerdict,
  acceptanceRoundLifecycle,
  MILESTONE_STATUSES,
  milestoneChangeLifecycle,
  milestoneLifecycle,
} from './delivery-status';

/** 2026-03-10 00:00 in Huzhou is 2026-03-09T16:00Z. */
const huzhou = (local: string) => new Date(`${local}+08:00`);

describe('Huzhou calendar days', () => {
  it('counts days in UTC+8, whatever the server time zone', () => {
    expect(huzhouDate(huzhou('2026-03-10T00:00:00'))).toBe('2026-03-10');
    expect(huzhouDate(huzhou('2026-03-09T23:59:59.999'))).toBe('2026-03-09');
    expect(huzhouDate(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
    expect(huzhouDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('adds calendar days across months and leap years', () => {
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-4-30')).toBe(false);
    expect(isCalendarDate('2026-04-30T00:00')).toBe(false);
  });
});

describe('overdue derivation', () => {
  const pending = { status: 'pending' as const, dueDate: '2026-03-10' };

  it('is overdue from the first instant after the due day ends in Huzhou, not before', () => {
    expect(isOverdue(pending, huzhou('2026-03-10T23:59:59.999'))).toBe(false);
    expect(isOverdue(pending, huzhou('2026-03-11T00:00:00'))).toBe(true);
    // 2026-03-10T20:00Z is already 04:00 on the 11th in Huzhou.
    expect(isOverdue(pending, new Date('2026-03-10T20:00:00Z'))).toBe(true);
  });

  it('is never overdue once reported or completed', () => {
    const late = huzhou('2027-01-01T00:00:00');
    expect(isOverdue({ ...pending, status: 'reported' }, late)).toBe(false);
    expect(isOverdue({ ...pending, status: 'completed' }, late)).toBe(false);
  });

  it('is due soon within the notice days (today included) and not after the due day', () => {
    expect(isDueSoon(pending, huzhou('2026-03-06T23:00:00'), 3)).toBe(false);
    expect(isDueSoon(pending, huzhou('2026-03-07T00:00:00'), 3)).toBe(true);
    expect(isDueSoon(pending, huzhou('2026-03-10T23:59:00'), 0)).toBe(true);
    expect(isDueSoon(pending, huzhou('2026-03-11T00:00:00'), 3)).toBe(false);
  });

  it('property: overdue and due soon never hold at once; overdue is monotonic in time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MILESTONE_STATUSES),
        fc.date({ min: new Date('2025-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.date({ min: new Date('2025-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 30 }),
        (status, due, now, laterMs, noticeDays) => {
          const m = { status, dueDate: huzhouDate(due) };
          expect(isOverdue(m, now) && isDueSoon(m, now, noticeDays)).toBe(false);
          if (isOverdue(m, now)) expect(isOverdue(m, new Date(now.getTime() + laterMs * 3600_000))).toBe(true);
        },
      ),
    );
  });
});

describe('milestone notices (the sweep sends each once)', () => {
  const base = { status: 'pending' as const, dueDate: '2026-03-10', dueNotified: false, overdueNotified: false };

  it('sends the due notice in the window, then the overdue notice after the due day', () => {
    expect(milestoneNotices(base, huzhou('2026-03-01T00:00:00'), 3)).toEqual({
      due: false,
      overdue: false,
      markDue: false,
    });
    expect(milestoneNotices(base, huzhou('2026-03-08T09:00:00'), 3)).toEqual({
      due: true,
      overdue: false,
      markDue: true,
    });
    const after = huzhou('2026-03-11T09:00:00');
    expect(milestoneNotices({ ...base, dueNotified: true }, after, 3)).toEqual({
      due: false,
      overdue: true,
      markDue: false,
    });
    expect(milestoneNotices({ ...base, dueNotified: true, overdueNotified: true }, after, 3)).toEqual({
      due: false,
      overdue: false,
      markDue: false,
    });
  });

  it('sends only the overdue notice to a milestone first seen overdue, and spends its due notice', () => {
    expect(milestoneNotices(base, huzhou('2026-04-01T00:00:00'), 3)).toEqual({
      due: false,
      overdue: true,
      markDue: true,
    });
  });

  it('property: replaying the sweep after marking what it sent sends nothing more', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MILESTONE_STATUSES),
        fc.date({ min: new Date('2025-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.date({ min: new Date('2025-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 30 }),
        (status, due, now, noticeDays) => {
          const m = { status, dueDate: huzhouDate(due), dueNotified: false, overdueNotified: false };
          const first = milestoneNotices(m, now, noticeDays);
          const marked = { ...m, dueNotified: first.markDue, overdueNotified: first.overdue };
          const again = milestoneNotices(marked, now, noticeDays);
          expect(again.due || again.overdue).toBe(false);
          if (status !== 'pending') expect(first).toEqual({ due: false, overdue: false, markDue: false });
        },
      ),
    );
  });
});

describe('milestone change rules', () => {
  const now = huzhou('2026-03-01T10:00:00');
  const current = { status: 'pending' as const, dueDate: '2026-03-10', title: '模型训练', deliverables: '模型文件' };

  it('accepts a change of at least one field to a new value', () => {
    expect(milestoneChangeViolations(current, { dueDate: '2026-03-20' }, now)).toEqual([]);
    expect(milestoneChangeViolations(current, { title: '模型训练与调优', deliverables: '模型与报告' }, now)).toEqual(
      [],
    );
    expect(milestoneChangeViolations(current, { dueDate: '2026-03-01' }, now)).toEqual([]); // today is allowed
  });

  it('refuses empty, unchanged, impossible or past-dated changes and completed milestones', () => {
    expect(milestoneChangeViolations(current, {}, now)).toEqual([
      { field: 'title', rule: 'atLeastOneOf', params: { fields: 'title, dueDate, deliverables' } },
    ]);
    expect(milestoneChangeViolations(current, { title: '模型训练' }, now)).toEqual([
      { field: 'title', rule: 'delivery.unchanged' },
    ]);
    expect(milestoneChangeViolations(current, { dueDate: '2026-02-30' }, now)).toEqual([
      { field: 'dueDate', rule: 'delivery.date' },
    ]);
    expect(milestoneChangeViolations(current, { dueDate: '2026-02-28' }, now)).toEqual([
      { field: 'dueDate', rule: 'delivery.due_date_past' },
    ]);
    expect(milestoneChangeViolations({ ...current, status: 'completed' }, { dueDate: '2026-04-01' }, now)).toEqual([
      { field: 'milestoneId', rule: 'delivery.milestone_completed' },
    ]);
  });

  it('lets only the other party answer a proposed change', () => {
    expect(mayAnswerChange('vendor', 'agency')).toBe(true);
    expect(mayAnswerChange('agency', 'vendor')).toBe(true);
    expect(mayAnswerChange('vendor', 'vendor')).toBe(false);
    expect(mayAnswerChange('agency', 'agency')).toBe(false);
  });

  it('moves milestones and changes only along their machines', () => {
    expect(milestoneLifecycle.next('pending', 'report')).toBe('reported');
    expect(milestoneLifecycle.next('reported', 'confirm')).toBe('completed');
    expect(milestoneLifecycle.next('reported', 'return')).toBe('pending');
    expect(() => milestoneLifecycle.next('pending', 'confirm')).toThrow();
    expect(() => milestoneLifecycle.next('completed', 'report')).toThrow();
    expect(milestoneLifecycle.allows('report', 'agency_admin')).toBe(false);
    expect(milestoneLifecycle.allows('confirm', 'vendor_admin')).toBe(false);
    expect(milestoneChangeLifecycle.next('proposed', 'agree')).toBe('agreed');
    expect(() => milestoneChangeLifecycle.next('refused', 'agree')).toThrow();
    expect(milestoneChangeLifecycle.allows('agree', 'staff')).toBe(false);
  });
});

describe('acceptance', () => {
  it('combines the two verdicts of a round', () => {
    expect(acceptanceOutcome({})).toBe('awaiting_verdicts');
    expect(acceptanceOutcome({ agency: 'met' })).toBe('awaiting_verdicts');
    expect(acceptanceOutcome({ centre: 'partially_met' })).toBe('awaiting_verdicts');
    expect(acceptanceOutcome({ agency: 'met', centre: 'met' })).toBe('acceptable');
    expect(acceptanceOutcome({ agency: 'partially_met', centre: 'met' })).toBe('acceptable');
    expect(acceptanceOutcome({ agency: 'not_met' })).toBe('not_met');
    expect(acceptanceOutcome({ agency: 'met', centre: 'not_met' })).toBe('not_met');
  });

  it('property: acceptable exactly when both parties gave a verdict and neither is not_met', () => {
    const verdict = fc.option(fc.constantFrom(...ACCEPTANCE_VERDICTS), { nil: undefined });
    fc.assert(
      fc.property(verdict, verdict, (agency, centre) => {
        const given: Partial<Record<'agency' | 'centre', AcceptanceVerdict>> = {};
        if (agency) given.agency = agency;
        if (centre) given.centre = centre;
        const outcome = acceptanceOutcome(given);
        expect(outcome === 'acceptable').toBe(!!agency && !!centre && agency !== 'not_met' && centre !== 'not_met');
        expect(outcome === 'not_met').toBe(agency === 'not_met' || centre === 'not_met');
      }),
    );
  });

  it('requires comments for every verdict but met', () => {
    expect(verdictViolations('met', null)).toEqual([]);
    expect(verdictViolations('partially_met', '  ')).toEqual([
      { field: 'comments', rule: 'delivery.comments_required' },
    ]);
    expect(verdictViolations('not_met', undefined)).toEqual([
      { field: 'comments', rule: 'delivery.comments_required' },
    ]);
    expect(verdictViolations('not_met', '检出率未达标')).toEqual([]);
  });

  it('lets only staff accept a round; agency or staff fail it', () => {
    expect(acceptanceRoundLifecycle.allows('accept', 'staff')).toBe(true);
    expect(acceptanceRoundLifecycle.allows('accept', 'agency_admin')).toBe(false);
    expect(acceptanceRoundLifecycle.allows('fail', 'agency_officer')).toBe(true);
    expect(() => acceptanceRoundLifecycle.next('not_met', 'accept')).toThrow();
  });

  it('names an unknown KPI metric and the known ones', () => {
    expect(kpiViolations(['缺陷检出率', '误报率'], '缺陷检出率')).toEqual([]);
    expect(kpiViolations(['缺陷检出率', '误报率'], '  误报率 ')).toEqual([]);
    expect(kpiViolations(['缺陷检出率', '误报率'], '速度')).toEqual([
      { field: 'metric', rule: 'delivery.unknown_metric', params: { metric: '速度', known: '缺陷检出率、误报率' } },
    ]);
  });
});
