import type { MatchFeedbackKind } from './matching.entity';

/** What feedback weighs: a scenario's sector and capabilities (similar scenarios are adjusted too). */
export interface ScenarioFacts {
  scenarioId: string;
  sector: string | null;
  capabilityCodes: string[];
}

export interface FeedbackFacts extends ScenarioFacts {
  kind: MatchFeedbackKind;
}

/** Points added to a scenario the vendor marked `interested`. */
export const FEEDBACK_OWN_INTERESTED_POINTS = 10;
/** Per fully similar scenario with feedback: up for interested, down for not relevant. */
export const FEEDBACK_SIMILAR_UP_POINTS = 6;
export const FEEDBACK_SIMILAR_DOWN_POINTS = 10;
/** Bounds of the total adjustment from similar scenarios. */
export const FEEDBACK_SIMILAR_MAX_UP = 6;
export const FEEDBACK_SIMILAR_MAX_DOWN = 15;
/** Below this similarity another scenario's feedback does not count. */
export const FEEDBACK_MIN_SIMILARITY = 0.3;

export interface FeedbackAdjustment {
  /** Added to the engine's score (then clamped to 0–100). */
  points: number;
  /** The vendor said `not_relevant` about this very scenario: not recommended again. */
  hidden: boolean;
  /** The component as shown: own feedback and the similar scenarios that moved it. */
  component: { key: 'feedback'; points: number; max: number; detail: Record<string, unknown> };
}

/** Half for the same sector, half for the overlap (Jaccard) of capability codes. */
export function scenarioSimilarity(a: ScenarioFacts, b: ScenarioFacts): number {
  const sector = a.sector && a.sector === b.sector ? 0.5 : 0;
  const ca = new Set(a.capabilityCodes);
  const cb = new Set(b.capabilityCodes);
  const union = new Set([...ca, ...cb]).size;
  const shared = [...ca].filter((c) => cb.has(c)).length;
  return Math.round((sector + (union ? (0.5 * shared) / union : 0)) * 100) / 100;
}

/**
 * How a vendor's feedback moves one recommended scenario: its own feedback (not relevant hides it,
 * interested lifts it) and, bounded, feedback on similar scenarios (same sector, shared capabilities).
 */
export function feedbackAdjustment(candidate: ScenarioFacts, feedback: FeedbackFacts[]): FeedbackAdjustment {
  const own = feedback.find((f) => f.scenarioId === candidate.scenarioId) ?? null;
  let similar = 0;
  const moved: { scenarioId: string; kind: MatchFeedbackKind; similarity: number; points: number }[] = [];
  for (const f of feedback) {
    if (f.scenarioId === candidate.scenarioId) continue;
    const similarity = scenarioSimilarity(candidate, f);
    if (similarity < FEEDBACK_MIN_SIMILARITY) continue;
    const points =
      f.kind === 'interested' ? FEEDBACK_SIMILAR_UP_POINTS * similarity : -FEEDBACK_SIMILAR_DOWN_POINTS * similarity;
    similar += points;
    moved.push({ scenarioId: f.scenarioId, kind: f.kind, similarity, points: round1(points) });
  }
  similar = Math.max(-FEEDBACK_SIMILAR_MAX_DOWN, Math.min(FEEDBACK_SIMILAR_MAX_UP, similar));
  const ownPoints = own?.kind === 'interested' ? FEEDBACK_OWN_INTERESTED_POINTS : 0;
  const points = round1(ownPoints + similar);
  moved.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.scenarioId.localeCompare(b.scenarioId));
  return {
    points,
    hidden: own?.kind === 'not_relevant',
    component: {
      key: 'feedback',
      points,
      max: FEEDBACK_OWN_INTERESTED_POINTS + FEEDBACK_SIMILAR_MAX_UP,
      detail: { own: own?.kind ?? null, similar: moved.slice(0, 5) },
    },
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
