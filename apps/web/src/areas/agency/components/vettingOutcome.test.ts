import { describe, expect, it } from 'vitest';
import { sampleScenario } from '../editor/testData';
import { keepVettingOutcome, vettingCommentEntries } from './vettingOutcome';

describe('keepVettingOutcome', () => {
  const comments = { budgetMaxYuan: '预算上限偏高，请说明测算依据' };

  it('keeps the known comments when an autosave view (without them) replaces a returned scenario', () => {
    const previous = sampleScenario({ status: 'returned', vettingComments: comments, vettingReason: null });
    const saved = sampleScenario({ status: 'returned', version: previous.version + 1 });
    delete saved.vettingComments;
    delete saved.vettingReason;
    const merged = keepVettingOutcome(previous, saved);
    expect(merged.vettingComments).toEqual(comments);
    expect(merged.vettingReason).toBeNull();
    expect(merged.version).toBe(previous.version + 1);
  });

  it('takes the new view as it is when it carries its own comments (even null)', () => {
    const previous = sampleScenario({ status: 'returned', vettingComments: comments });
    const fresh = sampleScenario({ status: 'returned', vettingComments: null });
    expect(keepVettingOutcome(previous, fresh).vettingComments).toBeNull();
  });

  it('drops the comments once the status changed (resubmitted) or with nothing cached', () => {
    const previous = sampleScenario({ status: 'returned', vettingComments: comments });
    const submitted = sampleScenario({ status: 'submitted' });
    delete submitted.vettingComments;
    expect(keepVettingOutcome(previous, submitted).vettingComments).toBeUndefined();
    expect(keepVettingOutcome(undefined, submitted)).toBe(submitted);
  });
});

describe('vettingCommentEntries', () => {
  it('lists the non-blank comments in order and nothing for null', () => {
    expect(vettingCommentEntries({ summary: '请写明问题', kpis: '  ', budgetMaxYuan: '偏高' })).toEqual([
      ['summary', '请写明问题'],
      ['budgetMaxYuan', '偏高'],
    ]);
    expect(vettingCommentEntries(null)).toEqual([]);
    expect(vettingCommentEntries(undefined)).toEqual([]);
  });
});
