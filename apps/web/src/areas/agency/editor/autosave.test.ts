import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  autosaveReducer,
  autosaveStopped,
  createDebouncer,
  createSerialQueue,
  initialAutosaveState,
  type AutosaveAction,
  type AutosaveState,
} from './autosave';

const run = (actions: AutosaveAction[], from: AutosaveState = initialAutosaveState) =>
  actions.reduce(autosaveReducer, from);

describe('autosaveReducer', () => {
  it('goes pending → saving → saved with the time of the save', () => {
    const s1 = run([{ type: 'change' }]);
    expect(s1).toMatchObject({ status: 'pending', dirty: true });
    const s2 = run([{ type: 'start' }], s1);
    expect(s2.status).toBe('saving');
    const s3 = run([{ type: 'saved', at: 1000, heldBack: [], dirty: false }], s2);
    expect(s3).toMatchObject({ status: 'saved', savedAt: 1000, dirty: false });
  });

  it('stays saving when typing goes on during a save, and pending after it', () => {
    const s = run([{ type: 'change' }, { type: 'start' }, { type: 'change' }]);
    expect(s.status).toBe('saving');
    expect(run([{ type: 'saved', at: 5, heldBack: [], dirty: true }], s).status).toBe('pending');
  });

  it('remembers fields held back as incomplete', () => {
    const s = run([{ type: 'change' }, { type: 'start' }, { type: 'saved', at: 1, heldBack: ['kpis'], dirty: true }]);
    expect(s.heldBack).toEqual(['kpis']);
    expect(run([{ type: 'nothing_to_save', heldBack: [] }], s)).toMatchObject({ status: 'saved', dirty: false });
  });

  it('stops on a conflict, keeps it while the user types, and resumes once resolved', () => {
    const conflict = run([{ type: 'change' }, { type: 'start' }, { type: 'conflict', message: '场景已被他人修改' }]);
    expect(conflict).toMatchObject({ status: 'conflict', message: '场景已被他人修改', dirty: true });
    expect(autosaveStopped(conflict)).toBe(true);
    const typed = run([{ type: 'change' }, { type: 'start' }, { type: 'nothing_to_save', heldBack: [] }], conflict);
    expect(typed.status).toBe('conflict');
    const resolved = run([{ type: 'resolved', dirty: true }], typed);
    expect(resolved).toMatchObject({ status: 'pending', message: null });
    expect(autosaveStopped(resolved)).toBe(false);
  });

  it('reports refused fields and failures without forgetting the last save', () => {
    const saved = run([{ type: 'saved', at: 42, heldBack: [], dirty: false }]);
    const invalid = run([{ type: 'invalid', message: '请求有 1 处字段不符合要求', heldBack: ['contact'] }], saved);
    expect(invalid).toMatchObject({ status: 'invalid', savedAt: 42, heldBack: ['contact'], dirty: true });
    const failed = run([{ type: 'error', message: 'Failed to fetch' }], saved);
    expect(failed).toMatchObject({ status: 'error', savedAt: 42, dirty: true });
    expect(run([{ type: 'locked', message: '不能修改' }], saved).status).toBe('locked');
  });

  it('says a new scenario needs its title and domain first', () => {
    expect(run([{ type: 'change' }, { type: 'needs_basics' }]).status).toBe('needs_basics');
  });
});

describe('createDebouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, 1.5 s after the last change', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 1500);
    d.schedule();
    vi.advanceTimersByTime(1000);
    d.schedule();
    vi.advanceTimersByTime(1499);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(d.isScheduled()).toBe(false);
  });

  it('flushes a scheduled run at once (a step change) and does nothing when nothing waits', async () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 1500);
    await d.flush();
    expect(fn).not.toHaveBeenCalled();
    d.schedule();
    await d.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
    await d.flush(true);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('can be cancelled', () => {
    const fn = vi.fn();
    const d = createDebouncer(fn, 100);
    d.schedule();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('createSerialQueue', () => {
  it('never runs two saves at once, and goes on after a failure', async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      () =>
        new Promise<string>((resolve, reject) => {
          log.push(`start ${name}`);
          setTimeout(() => {
            log.push(`end ${name}`);
            if (fail) reject(new Error(name));
            else resolve(name);
          }, ms);
        });
    const a = queue.run(task('a', 20, true));
    const b = queue.run(task('b', 1));
    await expect(a).rejects.toThrow('a');
    await expect(b).resolves.toBe('b');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
