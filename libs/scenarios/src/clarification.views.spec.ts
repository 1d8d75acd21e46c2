import { randomUUID } from 'node:crypto';
import { PublicQuestionView, QuestionView } from './clarification.views';
import type { ScenarioQuestionEntity } from './scenario-question.entity';

function question(overrides: Partial<ScenarioQuestionEntity> = {}): ScenarioQuestionEntity {
  return {
    id: randomUUID(),
    scenarioId: randomUUID(),
    askedByUserId: randomUUID(),
    askedByOrganisationId: randomUUID(),
    question: '是否接受联合体揭榜？',
    answer: '接受，牵头单位须为本地企业。',
    answeredBy: randomUUID(),
    answeredAt: new Date('2026-05-02T08:00:00Z'),
    askedAt: new Date('2026-05-01T08:00:00Z'),
    ...overrides,
  };
}

describe('question views (anonymity)', () => {
  it('never carry who asked or who answered', () => {
    const q = question();
    for (const view of [PublicQuestionView.of(q), QuestionView.forCaller(q, q.askedByUserId)]) {
      const text = JSON.stringify(view);
      for (const secret of [q.askedByUserId, q.askedByOrganisationId, q.answeredBy as string, q.scenarioId])
        expect(text).not.toContain(secret);
    }
    expect(Object.keys(PublicQuestionView.of(q)).sort()).toEqual(['answer', 'answeredAt', 'askedAt', 'id', 'question']);
  });

  it('marks the question as mine for the asker only', () => {
    const q = question({ answer: null, answeredBy: null, answeredAt: null });
    expect(QuestionView.forCaller(q, q.askedByUserId)).toMatchObject({ mine: true, answer: null, answeredAt: null });
    expect(QuestionView.forCaller(q, randomUUID()).mine).toBe(false);
  });
});
