import fc from 'fast-check';
import { InvalidTransitionError, ROLES, type Role } from '@app/common';
import {
  SCENARIO_STATUSES,
  SCENARIO_TRANSITIONS,
  scenarioLifecycle,
  type ScenarioStatus,
  type ScenarioTransition,
  TERMINAL_SCENARIO_STATUSES,
} from './scenario-status';

type Who = Role | 'system';
const WHO: Who[] = [...ROLES, 'system'];
const AGENCY: Who[] = ['agency_officer', 'agency_admin'];
const CENTRE: Who[] = ['staff', 'platform_admin'];

/**
 * The model, written independently of the machine and the other way round: for each status, what
 * may happen next, leading where, by whom (from the brief and GLOSSARY.md).
 */
const MODEL: Record<ScenarioStatus, Partial<Record<ScenarioTransition, { to: ScenarioStatus; by: Who[] }>>> = {
  draft: { submit: { to: 'submitted', by: AGENCY }, withdraw: { to: 'withdrawn', by: AGENCY } },
  submitted: {
    return: { to: 'returned', by: CENTRE },
    approve: { to: 'approved', by: CENTRE },
    reject: { to: 'rejected', by: CENTRE },
    withdraw: { to: 'withdrawn', by: AGENCY },
  },
  returned: { submit: { to: 'submitted', by: AGENCY }, withdraw: { to: 'withdrawn', by: AGENCY } },
  approved: {
    publish: { to: 'published', by: [...CENTRE, 'system'] },
    withdraw: { to: 'withdrawn', by: AGENCY },
  },
  published: {
    cancel: { to: 'cancelled', by: ['agency_admin', ...CENTRE] },
    close: { to: 'closed', by: ['system'] },
  },
  closed: { start_evaluation: { to: 'under_evaluation', by: ['staff'] } },
  under_evaluation: { award: { to: 'awarded', by: ['staff'] }, no_award: { to: 'no_award', by: ['staff'] } },
  awarded: {
    start_delivery: { to: 'in_delivery', by: ['staff', 'system'] },
    reopen_evaluation: { to: 'under_evaluation', by: ['staff'] },
  },
  in_delivery: { accept: { to: 'accepted', by: ['staff'] } },
  accepted: { designate_demonstration: { to: 'demonstration', by: ['staff'] } },
  demonstration: {},
  // An objection upheld during the standstill reopens the evaluation, so no_award is not terminal.
  no_award: { reopen_evaluation: { to: 'under_evaluation', by: ['staff'] } },
  rejected: {},
  withdrawn: {},
  cancelled: {},
};

interface Model {
  status: ScenarioStatus;
}
interface Real {
  status: ScenarioStatus;
}

/** How the service applies a transition: role check first, then the machine. */
function apply(real: Real, transition: ScenarioTransition, who: Who): 'ok' | 'forbidden' | 'invalid' {
  if (!scenarioLifecycle.allows(transition, who)) return 'forbidden';
  try {
    real.status = scenarioLifecycle.next(real.status, transition);
    return 'ok';
  } catch (e) {
    if (e instanceof InvalidTransitionError) return 'invalid';
    throw e;
  }
}

const reached = new Set<ScenarioStatus>();

/** Any transition by anyone: the machine must agree with the model on whether and where it goes. */
class AnyTransition implements fc.Command<Model, Real> {
  constructor(
    readonly transition: ScenarioTransition,
    readonly who: Who,
  ) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const rule = MODEL[model.status][this.transition];
    const outcome = apply(real, this.transition, this.who);
    if (rule && rule.by.includes(this.who)) {
      expect(outcome).toBe('ok');
      model.status = rule.to;
    } else {
      expect(outcome).not.toBe('ok');
      if (!rule) expect(scenarioLifecycle.available(model.status)).not.toContain(this.transition);
    }
    expect(real.status).toBe(model.status);
    reached.add(real.status);
  }
  toString = () => `${this.transition} by ${this.who}`;
}

/** A step the model allows (picked by index), so that long runs get deep into the life cycle. */
class AllowedStep implements fc.Command<Model, Real> {
  constructor(
    readonly pick: number,
    readonly whoPick: number,
  ) {}
  check = (model: Readonly<Model>) => Object.keys(MODEL[model.status]).length > 0;
  run(model: Model, real: Real): void {
    const options = Object.entries(MODEL[model.status]) as [ScenarioTransition, { to: ScenarioStatus; by: Who[] }][];
    const [transition, rule] = options[this.pick % options.length];
    const who = rule.by[this.whoPick % rule.by.length];
    expect(apply(real, transition, who)).toBe('ok');
    model.status = rule.to;
    expect(real.status).toBe(model.status);
    reached.add(real.status);
  }
  toString = () => `allowed#${this.pick}/${this.whoPick}`;
}

describe('scenario life cycle (model-based)', () => {
  it('follows the model for random sequences of transitions by random roles', () => {
    const anyTransition = fc
      .tuple(fc.constantFrom(...SCENARIO_TRANSITIONS), fc.constantFrom(...WHO))
      .map(([t, w]) => new AnyTransition(t, w));
    const allowedStep = fc.tuple(fc.nat(20), fc.nat(20)).map(([p, w]) => new AllowedStep(p, w));
    // Allowed steps weigh three times as much, so that runs get deep into the life cycle.
    const commands = [anyTransition, allowedStep, allowedStep, allowedStep];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 100 }), (cmds) => {
        fc.modelRun(() => {
          reached.add('draft');
          return { model: { status: 'draft' } as Model, real: { status: 'draft' } as Real };
        }, cmds);
      }),
      { numRuns: 1000 },
    );
    // Random runs get deep into the life cycle, but how deep is chance; reachability is checked below.
    expect(reached.size).toBeGreaterThan(5);
  });

  it('reaches every status through the machine along the model’s shortest path from draft', () => {
    // Breadth-first over the model: the shortest sequence of (transition, who) to each status.
    const paths = new Map<ScenarioStatus, [ScenarioTransition, Who][]>([['draft', []]]);
    const queue: ScenarioStatus[] = ['draft'];
    while (queue.length) {
      const from = queue.shift()!;
      for (const [transition, rule] of Object.entries(MODEL[from]) as [
        ScenarioTransition,
        { to: ScenarioStatus; by: Who[] },
      ][]) {
        if (paths.has(rule.to)) continue;
        paths.set(rule.to, [...paths.get(from)!, [transition, rule.by[0]]]);
        queue.push(rule.to);
      }
    }
    expect([...paths.keys()].sort()).toEqual([...SCENARIO_STATUSES].sort());
    for (const [status, path] of paths) {
      const real: Real = { status: 'draft' };
      for (const [transition, who] of path) expect(apply(real, transition, who)).toBe('ok');
      expect(real.status).toBe(status);
    }
  });

  it('allows nothing from a terminal status, by anyone', () => {
    for (const status of TERMINAL_SCENARIO_STATUSES) {
      expect(scenarioLifecycle.available(status)).toEqual([]);
      for (const t of SCENARIO_TRANSITIONS)
        expect(() => scenarioLifecycle.next(status, t)).toThrow(InvalidTransitionError);
    }
    expect(SCENARIO_STATUSES.filter((s) => Object.keys(MODEL[s]).length === 0).sort()).toEqual(
      [...TERMINAL_SCENARIO_STATUSES].sort(),
    );
  });

  it('declares exactly the model (no extra transitions, sources or roles)', () => {
    for (const t of SCENARIO_TRANSITIONS) {
      const rule = scenarioLifecycle.transitions[t];
      const fromModel = SCENARIO_STATUSES.filter((s) => MODEL[s][t]);
      expect([...rule.from].sort()).toEqual(fromModel.sort());
      for (const s of fromModel) {
        expect(MODEL[s][t]?.to).toBe(rule.to);
        expect([...rule.by].sort()).toEqual([...(MODEL[s][t]?.by ?? [])].sort());
      }
    }
  });
});
