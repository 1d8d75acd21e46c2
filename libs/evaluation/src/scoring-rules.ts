import type { FieldViolation } from '@app/common';
import type { Rubric } from './rubric';

export interface SubmittedScore {
  criterion: string;
  value: number;
  comment?: string | null;
}

/**
 * What is wrong with a reviewer's scoring of one proposal against the rubric: every criterion scored
 * exactly once, each value a whole number within its scale, a comment wherever the criterion asks for
 * one. Violations name the criterion (`scores.<key>`), never the values.
 */
export function scoreViolations(rubric: Rubric, scores: readonly SubmittedScore[]): FieldViolation[] {
  const out: FieldViolation[] = [];
  const byKey = new Map(rubric.map((c) => [c.key, c]));
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    const c = byKey.get(s.criterion);
    if (!c) {
      out.push({
        field: `scores[${i}].criterion`,
        rule: 'evaluation.unknown_criterion',
        params: { criterion: s.criterion },
      });
      return;
    }
    if (seen.has(c.key)) {
      out.push({
        field: `scores[${i}].criterion`,
        rule: 'evaluation.duplicate_criterion',
        params: { criterion: c.key },
      });
      return;
    }
    seen.add(c.key);
    if (!Number.isInteger(s.value) || s.value < 0 || s.value > c.scaleMax)
      out.push({
        field: `scores.${c.key}.value`,
        rule: 'evaluation.score_out_of_scale',
        params: { criterion: c.key, max: c.scaleMax },
      });
    if (c.commentRequired && !s.comment?.trim())
      out.push({ field: `scores.${c.key}.comment`, rule: 'evaluation.comment_required', params: { criterion: c.key } });
  });
  for (const c of rubric) {
    if (!seen.has(c.key))
      out.push({ field: `scores.${c.key}`, rule: 'evaluation.criterion_missing', params: { criterion: c.key } });
  }
  return out;
}

/** One reviewer's declarations, by vendor organisation id. */
export type Declarations = ReadonlyMap<string, { conflicted: boolean }>;

/** A proposal as far as conflicts go: the organisations taking part (lead and members). */
export interface ProposalParties {
  proposalId: string;
  organisationIds: readonly string[];
}

export type Eligibility = 'eligible' | 'conflicted' | 'undeclared';

/**
 * Whether a reviewer may score a proposal: conflicted with any party (lead or member) excludes them;
 * a party not yet declared leaves them undeclared (they may not open anything yet).
 */
export function eligibility(declarations: Declarations, proposal: ProposalParties): Eligibility {
  let undeclared = false;
  for (const org of proposal.organisationIds) {
    const d = declarations.get(org);
    if (d?.conflicted) return 'conflicted';
    if (!d) undeclared = true;
  }
  return undeclared ? 'undeclared' : 'eligible';
}

export interface ProposalCoverage {
  proposalId: string;
  eligible: number;
  conflicted: number;
  undeclared: number;
  /** How many more eligible reviewers the proposal needs to reach the minimum (0 when enough). */
  shortfall: number;
  enough: boolean;
}

/** Per proposal: how many panel members may score it, against the minimum the evaluation asks for. */
export function coverage(
  panel: readonly string[],
  declarationsByReviewer: ReadonlyMap<string, Declarations>,
  proposals: readonly ProposalParties[],
  minimum: number,
): ProposalCoverage[] {
  return proposals.map((p) => {
    const counts = { eligible: 0, conflicted: 0, undeclared: 0 };
    for (const reviewer of panel) counts[eligibility(declarationsByReviewer.get(reviewer) ?? new Map(), p)]++;
    const shortfall = Math.max(0, minimum - counts.eligible);
    return { proposalId: p.proposalId, ...counts, shortfall, enough: shortfall === 0 };
  });
}
