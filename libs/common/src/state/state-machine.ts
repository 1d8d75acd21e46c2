import type { Role } from '../auth/roles';
import { DomainError } from '../errors/domain-error';

export interface TransitionRule<S extends string> {
  from: readonly S[];
  to: S;
  /** Roles allowed to make this transition; 'system' means only scheduled jobs and the platform itself. */
  by: readonly (Role | 'system')[];
}

export class InvalidTransitionError extends DomainError<'COMMON_INVALID_TRANSITION'> {
  constructor(machine: string, transition: string, from: string) {
    super('COMMON_INVALID_TRANSITION', { machine, transition, from });
  }
}

/**
 * A state machine declared as data: the single place that says which status may follow which, and
 * who may cause it. Aggregates change status only through `next()`.
 */
export class StateMachine<S extends string, T extends string> {
  constructor(
    readonly name: string,
    readonly transitions: Readonly<Record<T, TransitionRule<S>>>,
  ) {}

  /** The status after `transition` from `current`, or an InvalidTransitionError. */
  next(current: S, transition: T): S {
    const rule = this.transitions[transition];
    if (!rule || !rule.from.includes(current)) throw new InvalidTransitionError(this.name, transition, current);
    return rule.to;
  }

  /** Whether `role` (or the system) may make the transition at all; object rules are checked elsewhere. */
  allows(transition: T, by: Role | 'system'): boolean {
    return this.transitions[transition].by.includes(by);
  }

  /** Transitions that are possible from `current`. */
  available(current: S): T[] {
    return (Object.keys(this.transitions) as T[]).filter((t) => this.transitions[t].from.includes(current));
  }
}
