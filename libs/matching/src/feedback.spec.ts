import {
  FEEDBACK_OWN_INTERESTED_POINTS,
  FEEDBACK_SIMILAR_MAX_DOWN,
  FEEDBACK_SIMILAR_MAX_UP,
  feedbackAdjustment,
  scenarioSimilarity,
} from './feedback';

const s = (scenarioId: string, sector: string | null, capabilityCodes: string[]) => ({
  scenarioId,
  sector,
  capabilityCodes,
});

describe('feedback adjustment', () => {
  it('measures similarity by sector and shared capabilities', () => {
    expect(scenarioSimilarity(s('a', 'textile', ['cv_inspection']), s('b', 'textile', ['cv_inspection']))).toBe(1);
    expect(scenarioSimilarity(s('a', 'textile', ['cv_inspection']), s('b', 'tea', ['uav']))).toBe(0);
    expect(scenarioSimilarity(s('a', null, ['x', 'y']), s('b', null, ['y', 'z']))).toBeCloseTo(0.17, 2);
  });

  it('hides a scenario marked not relevant and lifts one marked interested', () => {
    const target = s('a', 'textile', ['cv_inspection']);
    expect(feedbackAdjustment(target, [{ ...target, kind: 'not_relevant' }]).hidden).toBe(true);
    const up = feedbackAdjustment(target, [{ ...target, kind: 'interested' }]);
    expect(up).toMatchObject({ hidden: false, points: FEEDBACK_OWN_INTERESTED_POINTS });
    expect(up.component).toMatchObject({ key: 'feedback', detail: { own: 'interested', similar: [] } });
  });

  it('moves similar scenarios, bounded, and explains which feedback did it', () => {
    const target = s('a', 'textile', ['cv_inspection']);
    const many = Array.from({ length: 10 }, (_, i) => ({
      ...s(`n${i}`, 'textile', ['cv_inspection']),
      kind: 'not_relevant' as const,
    }));
    const down = feedbackAdjustment(target, many);
    expect(down.hidden).toBe(false);
    expect(down.points).toBe(-FEEDBACK_SIMILAR_MAX_DOWN);
    expect((down.component.detail.similar as unknown[]).length).toBe(5);
    const likes = many.map((f) => ({ ...f, kind: 'interested' as const }));
    expect(feedbackAdjustment(target, likes).points).toBe(FEEDBACK_SIMILAR_MAX_UP);
    // Unrelated feedback changes nothing.
    expect(feedbackAdjustment(target, [{ ...s('z', 'tea', ['uav']), kind: 'not_relevant' }]).points).toBe(0);
  });
});
