/**
 * Draft autosave, as plain state: what the editor tells the user ("已自动保存 20:15", saving, a
 * conflict…) and whether it may keep saving on its own.
 */
export type AutosaveStatus =
  /** Nothing typed since opening. */
  | 'idle'
  /** A new scenario without title and domain yet: nothing can be saved. */
  | 'needs_basics'
  /** Changes wait for the debounce. */
  | 'pending'
  | 'saving'
  | 'saved'
  /** The API refused some fields (shown next to them); the rest was saved if it could be. */
  | 'invalid'
  /** Network or server failure; the next change (or the save button) tries again. */
  | 'error'
  /** Someone else saved a newer version: autosave stops until the user decides. */
  | 'conflict'
  /** The scenario can no longer be edited (submitted meanwhile): autosave stops. */
  | 'locked';

export interface AutosaveState {
  status: AutosaveStatus;
  /** When the last save succeeded (ms since epoch). */
  savedAt: number | null;
  /** The API's message for invalid / error / conflict / locked. */
  message: string | null;
  /** Fields not saved because they are incomplete (a KPI row without target…). */
  heldBack: string[];
  /** Changes typed since the last successful save. */
  dirty: boolean;
}

export type AutosaveAction =
  | { type: 'change' }
  | { type: 'needs_basics' }
  | { type: 'start' }
  | { type: 'saved'; at: number; heldBack: string[]; dirty: boolean }
  /** Nothing differs from the saved version (apart from what is held back). */
  | { type: 'nothing_to_save'; heldBack: string[] }
  | { type: 'invalid'; message: string; at?: number; heldBack: string[] }
  | { type: 'error'; message: string }
  | { type: 'conflict'; message: string }
  | { type: 'locked'; message: string }
  /** The user reloaded the newest version or chose to overwrite it: autosave may run again. */
  | { type: 'resolved'; dirty: boolean };

export const initialAutosaveState: AutosaveState = {
  status: 'idle',
  savedAt: null,
  message: null,
  heldBack: [],
  dirty: false,
};

/** States in which autosave stops and waits for the user. */
export function autosaveStopped(state: AutosaveState): boolean {
  return state.status === 'conflict' || state.status === 'locked';
}

export function autosaveReducer(state: AutosaveState, action: AutosaveAction): AutosaveState {
  switch (action.type) {
    case 'change':
      if (autosaveStopped(state)) return { ...state, dirty: true };
      return { ...state, status: state.status === 'saving' ? 'saving' : 'pending', dirty: true };
    case 'needs_basics':
      return { ...state, status: 'needs_basics' };
    case 'start':
      if (autosaveStopped(state)) return state;
      return { ...state, status: 'saving', message: null };
    case 'saved':
      return {
        ...state,
        status: action.dirty ? 'pending' : 'saved',
        savedAt: action.at,
        message: null,
        heldBack: action.heldBack,
        dirty: action.dirty,
      };
    case 'nothing_to_save':
      if (autosaveStopped(state)) return state;
      return {
        ...state,
        status: state.savedAt ? 'saved' : 'idle',
        heldBack: action.heldBack,
        dirty: action.heldBack.length > 0,
      };
    case 'invalid':
      return {
        ...state,
        status: 'invalid',
        message: action.message,
        savedAt: action.at ?? state.savedAt,
        heldBack: action.heldBack,
        dirty: true,
      };
    case 'error':
      return { ...state, status: 'error', message: action.message, dirty: true };
    case 'conflict':
      return { ...state, status: 'conflict', message: action.message, dirty: true };
    case 'locked':
      return { ...state, status: 'locked', message: action.message };
    case 'resolved':
      return { ...state, status: action.dirty ? 'pending' : 'saved', message: null, dirty: action.dirty };
  }
}

export interface Debouncer {
  /** (Re)starts the wait; `run` is called once the changes stop for `delayMs`. */
  schedule(): void;
  /** Runs now if something is scheduled (or `force`), and resolves when that run is done. */
  flush(force?: boolean): Promise<void>;
  cancel(): void;
  isScheduled(): boolean;
}

/** A trailing debounce whose pending run can be flushed (on a step change, before submitting). */
export function createDebouncer(run: () => Promise<void> | void, delayMs: number): Debouncer {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    schedule() {
      clear();
      timer = setTimeout(() => {
        timer = null;
        void run();
      }, delayMs);
    },
    async flush(force = false) {
      const scheduled = timer !== null;
      clear();
      if (scheduled || force) await run();
    },
    cancel: clear,
    isScheduled: () => timer !== null,
  };
}

/**
 * Runs tasks one after the other (a save never overlaps another, so each uses the version the last
 * one returned); `run` resolves when this task is done.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const next = tail.then(task, task);
      tail = next.catch(() => undefined);
      return next;
    },
  };
}
