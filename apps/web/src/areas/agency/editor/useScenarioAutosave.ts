import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { FormInstance } from 'antd';
import { api, ApiError } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import type { ScenarioDto, ScenarioView } from '../types';
import {
  autosaveReducer,
  createDebouncer,
  createSerialQueue,
  initialAutosaveState,
  type AutosaveState,
} from './autosave';
import {
  diffDto,
  formToDto,
  heldBackFields,
  omit,
  pick,
  rebaseOnConflict,
  scenarioToForm,
  type ScenarioFormValues,
} from './formMapping';
import { retargetApiError, topLevelFields } from './steps';

export const AUTOSAVE_DELAY_MS = 1500;

interface Options {
  form: FormInstance<ScenarioFormValues>;
  /** The scenario as read (null for a new one). */
  initial: ScenarioView | null;
  /** A new draft was created (the editor moves to its address). */
  onCreated: (view: ScenarioView) => void;
  /** Every successful save, with the API's view. */
  onSaved: (view: ScenarioView) => void;
  /** Messages of a refused save that belong to no field. */
  onUnmatchedErrors: (messages: string[]) => void;
  delayMs?: number;
}

export interface ScenarioAutosave {
  state: AutosaveState;
  /** The newest view the API returned. */
  latest: ScenarioView | null;
  /** Call from the form's onValuesChange. */
  changed: (changedValues: Partial<ScenarioFormValues>) => void;
  /** Saves now what is pending (or everything when `force`); resolves true when nothing is left unsaved. */
  flush: (force?: boolean) => Promise<boolean>;
  /** Conflict: take the newest version and keep the user's own changes on top of it. */
  mergeNewest: () => Promise<void>;
  /** Conflict: drop the user's changes and show the newest version. */
  reloadNewest: () => Promise<void>;
}

/**
 * Draft autosave: creates the draft on the first save that has a title and a domain, then PATCHes
 * only what changed, with the version the last save returned, ~1.5 s after typing stops (and on
 * `flush`). Incomplete groups (a KPI row without target…) wait; fields the API refused are shown
 * next to their inputs and left out until changed; a version conflict stops autosave without
 * touching what was typed.
 */
export function useScenarioAutosave({
  form,
  initial,
  onCreated,
  onSaved,
  onUnmatchedErrors,
  delayMs = AUTOSAVE_DELAY_MS,
}: Options): ScenarioAutosave {
  const [state, dispatch] = useReducer(autosaveReducer, initialAutosaveState);
  const [latest, setLatest] = useState<ScenarioView | null>(initial);
  const idRef = useRef<string | null>(initial?.id ?? null);
  const versionRef = useRef<number>(initial?.version ?? 0);
  const baselineRef = useRef<ScenarioDto>(initial ? formToDto(scenarioToForm(initial)) : {});
  const rejectedRef = useRef(new Set<string>());
  const stoppedRef = useRef(false);
  const changeSeq = useRef(0);
  const callbacks = useRef({ onCreated, onSaved, onUnmatchedErrors });
  useEffect(() => {
    callbacks.current = { onCreated, onSaved, onUnmatchedErrors };
  });
  const queue = useMemo(createSerialQueue, []);

  /** Shows a refused save next to the fields; returns the top-level fields it named. */
  const showRefusal = useCallback(
    (error: ApiError): string[] => {
      const named = topLevelFields(error);
      named.forEach((f) => rejectedRef.current.add(f));
      const unmatched = applyApiError(form, retargetApiError(error));
      if (unmatched.length) callbacks.current.onUnmatchedErrors(unmatched);
      return named;
    },
    [form],
  );

  const stop = useCallback((error: ApiError) => {
    stoppedRef.current = true;
    if (error.code === 'SCENARIO_VERSION_CONFLICT') dispatch({ type: 'conflict', message: error.message });
    else dispatch({ type: 'locked', message: error.message });
  }, []);

  const accept = useCallback((view: ScenarioView, sent: ScenarioDto) => {
    versionRef.current = view.version;
    baselineRef.current = { ...baselineRef.current, ...sent };
    setLatest(view);
    callbacks.current.onSaved(view);
  }, []);

  const create = useCallback(
    async (current: ScenarioDto, exclude: Set<string>): Promise<boolean> => {
      if (!current.title?.trim() || !current.domain) {
        dispatch({ type: 'needs_basics' });
        return false;
      }
      dispatch({ type: 'start' });
      // Only what is filled in: a new draft has nothing to clear.
      let body = Object.fromEntries(
        Object.entries(omit(current, exclude)).filter(([, v]) => v !== null && !(Array.isArray(v) && !v.length)),
      ) as ScenarioDto;
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          const view = await api.post<ScenarioView>('/scenarios', body);
          idRef.current = view.id;
          versionRef.current = view.version;
          baselineRef.current = formToDto(scenarioToForm(view));
          setLatest(view);
          dispatch({ type: 'saved', at: Date.now(), heldBack: [], dirty: false });
          callbacks.current.onCreated(view);
          return true;
        } catch (error) {
          if (error instanceof ApiError && error.status === 400 && error.fieldErrors.length) {
            const named = showRefusal(error);
            if (attempt === 0 && !named.includes('title') && !named.includes('domain')) {
              body = pick(current, ['title', 'domain']);
              continue;
            }
            dispatch({ type: 'invalid', message: error.message, heldBack: named });
            return false;
          }
          dispatch({ type: 'error', message: error instanceof Error ? error.message : String(error) });
          return false;
        }
      }
      return false;
    },
    [showRefusal],
  );

  const saveOnce = useCallback(async (): Promise<boolean> => {
    if (stoppedRef.current) return false;
    const current = formToDto(form.getFieldsValue(true) as ScenarioFormValues);
    const exclude = new Set<string>([...heldBackFields(current), ...rejectedRef.current]);
    if (!idRef.current) return create(current, exclude);
    const diff = diffDto(baselineRef.current, current);
    const waiting = Object.keys(diff).filter((k) => exclude.has(k));
    let payload = omit(diff, exclude);
    if (!Object.keys(payload).length) {
      dispatch({ type: 'nothing_to_save', heldBack: waiting });
      return waiting.length === 0;
    }
    const seq = changeSeq.current;
    dispatch({ type: 'start' });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const view = await api.patch<ScenarioView>(`/scenarios/${idRef.current}`, {
          version: versionRef.current,
          ...payload,
        });
        accept(view, payload);
        const dirty = waiting.length > 0 || changeSeq.current !== seq;
        dispatch({ type: 'saved', at: Date.now(), heldBack: waiting, dirty });
        return waiting.length === 0;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          stop(error);
          return false;
        }
        if (error instanceof ApiError && error.status === 400 && error.fieldErrors.length) {
          const named = showRefusal(error);
          waiting.push(...named.filter((f) => !waiting.includes(f)));
          const rest = omit(payload, named);
          if (attempt === 0 && Object.keys(rest).length && Object.keys(rest).length < Object.keys(payload).length) {
            payload = rest;
            continue;
          }
          dispatch({ type: 'invalid', message: error.message, heldBack: waiting });
          return false;
        }
        dispatch({ type: 'error', message: error instanceof Error ? error.message : String(error) });
        return false;
      }
    }
    return false;
  }, [accept, create, form, showRefusal, stop]);

  const run = useCallback(() => queue.run(saveOnce), [queue, saveOnce]);
  const debouncer = useMemo(() => createDebouncer(() => run().then(() => undefined), delayMs), [run, delayMs]);

  const changed = useCallback(
    (changedValues: Partial<ScenarioFormValues>) => {
      changeSeq.current += 1;
      Object.keys(changedValues).forEach((k) => rejectedRef.current.delete(k));
      dispatch({ type: 'change' });
      if (!stoppedRef.current) debouncer.schedule();
    },
    [debouncer],
  );

  const flush = useCallback(
    async (force = false): Promise<boolean> => {
      const scheduled = debouncer.isScheduled();
      debouncer.cancel();
      if (!scheduled && !force) return !stoppedRef.current;
      return run();
    },
    [debouncer, run],
  );

  const fetchNewest = useCallback(async () => {
    const view = await api.get<ScenarioView>(`/scenarios/${idRef.current}`);
    versionRef.current = view.version;
    setLatest(view);
    return view;
  }, []);

  const mergeNewest = useCallback(async () => {
    const view = await fetchNewest();
    const rebased = rebaseOnConflict(baselineRef.current, form.getFieldsValue(true) as ScenarioFormValues, view);
    form.setFieldsValue(rebased.values);
    baselineRef.current = rebased.baseline;
    stoppedRef.current = false;
    dispatch({ type: 'resolved', dirty: rebased.mine.length > 0 });
    if (rebased.mine.length) await run();
  }, [fetchNewest, form, run]);

  const reloadNewest = useCallback(async () => {
    const view = await fetchNewest();
    form.resetFields();
    form.setFieldsValue(scenarioToForm(view));
    baselineRef.current = formToDto(scenarioToForm(view));
    rejectedRef.current.clear();
    stoppedRef.current = false;
    dispatch({ type: 'resolved', dirty: false });
    callbacks.current.onSaved(view);
  }, [fetchNewest, form]);

  // Whatever is pending is saved when the editor goes away.
  useEffect(() => () => void debouncer.flush(), [debouncer]);

  // Leaving the page with unsaved changes asks first.
  useEffect(() => {
    if (!state.dirty && state.status !== 'saving') return;
    const handler = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, [state.dirty, state.status]);

  return { state, latest, changed, flush, mergeNewest, reloadNewest };
}
