import type { ScenarioView } from '../types';

/**
 * The API gives `vettingComments` / `vettingReason` only on GET scenarios/:id; the views returned by
 * PATCH (autosave), create and transitions leave them out. When such a view replaces the cached one and
 * the status has not changed, keep the comments already known, so they do not vanish after an autosave.
 */
export function keepVettingOutcome(previous: ScenarioView | undefined, next: ScenarioView): ScenarioView {
  if (next.vettingComments !== undefined || !previous || previous.id !== next.id) return next;
  if (previous.status !== next.status) return next;
  return { ...next, vettingComments: previous.vettingComments, vettingReason: previous.vettingReason };
}

/** The non-blank per-field comments, in the order the API gave them. */
export function vettingCommentEntries(comments: Record<string, string> | null | undefined): [string, string][] {
  return Object.entries(comments ?? {}).filter(([, text]) => typeof text === 'string' && text.trim() !== '');
}
