import { describe, expect, it, vi } from 'vitest';
import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { ApiError } from '../../api/client';
import './i18n';
import { ScoringForm, type ScoringFormProps } from './ScoringForm';
import type { RubricCriterion } from './types';

// The machine running the tests is shared and often busy: give Ant Design's async validation time.
configure({ asyncUtilTimeout: 5000 });

const RUBRIC: RubricCriterion[] = [
  { key: 'technical', name: '技术方案与指标响应', weight: 50, scaleMax: 10, commentRequired: true },
  { key: 'price', name: '报价合理性', weight: 20, scaleMax: 5, commentRequired: false },
  { key: 'team', name: '团队与案例', weight: 30, scaleMax: 10, commentRequired: false },
];

function renderForm(props: Partial<ScoringFormProps> = {}) {
  const onSubmit = props.onSubmit ?? vi.fn();
  render(
    <App>
      <ScoringForm
        criteria={RUBRIC}
        status="scoring"
        myScores={[]}
        myTotal={null}
        scoredAt={null}
        {...props}
        onSubmit={onSubmit}
      />
    </App>,
  );
  return { onSubmit, user: userEvent.setup({ delay: null }) };
}

const input = (name: RegExp) => screen.getByRole('spinbutton', { name }) as HTMLInputElement;

async function fillValues(user: ReturnType<typeof userEvent.setup>, values: [RegExp, string][]) {
  for (const [name, value] of values) {
    await user.clear(input(name));
    await user.type(input(name), value);
  }
}

// Ant Design forms in jsdom are slow on a shared 2-core machine: room beyond the 5 s default.
describe('ScoringForm', { timeout: 60_000 }, () => {
  it('shows the weighted total (0–100) as scores are typed', async () => {
    const { user } = renderForm();
    const total = screen.getByTestId('weighted-total');
    expect(total).toHaveTextContent('0 / 100');
    await fillValues(user, [[/技术方案与指标响应/, '8']]);
    await waitFor(() => expect(total).toHaveTextContent('40 / 100'));
    expect(total).toHaveTextContent('已打分 1 / 3 项');
    await fillValues(user, [
      [/报价合理性/, '4'],
      [/团队与案例/, '7'],
    ]);
    await waitFor(() => expect(total).toHaveTextContent('77 / 100'));
    expect(total).not.toHaveTextContent('已打分');
  });

  it('requires a comment where the rubric asks for one and does not submit without it', async () => {
    const { user, onSubmit } = renderForm();
    await fillValues(user, [
      [/技术方案与指标响应/, '8'],
      [/报价合理性/, '4'],
      [/团队与案例/, '8'],
    ]);
    await user.click(screen.getByRole('button', { name: '提交评分' }));
    expect(await screen.findByText('请填写“技术方案与指标响应”的评语')).toBeInTheDocument();
    // The optional comments do not complain.
    expect(screen.queryByText(/请填写“报价合理性”/)).not.toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends one score per criterion in rubric order once complete', async () => {
    const onSubmit = vi.fn().mockResolvedValue({ proposalId: 'p', scores: [], total: 80, revision: 1, updatedAt: '' });
    const { user } = renderForm({ onSubmit });
    await fillValues(user, [
      [/技术方案与指标响应/, '8'],
      [/报价合理性/, '4'],
      [/团队与案例/, '8'],
    ]);
    await user.type(screen.getByRole('textbox', { name: /技术方案与指标响应评语/ }), '  指标响应完整 ');
    await user.click(screen.getByRole('button', { name: '提交评分' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({
      scores: [
        { criterion: 'technical', value: 8, comment: '指标响应完整' },
        { criterion: 'price', value: 4, comment: null },
        { criterion: 'team', value: 8, comment: null },
      ],
    });
  });

  it('puts the API’s field errors next to the criterion and the rest above the form', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(400, 'VALIDATION_FAILED', '提交的数据无效', [
        { field: 'scores.team.value', rule: 'evaluation.score_out_of_scale', message: '得分超出该评分项的分值范围' },
        { field: 'scores[3].criterion', rule: 'evaluation.unknown_criterion', message: '未知的评分项' },
      ]),
    );
    const { user } = renderForm({
      onSubmit,
      myScores: [
        { criterion: 'technical', value: 6, comment: '一般' },
        { criterion: 'price', value: 5, comment: null },
        { criterion: 'team', value: 6, comment: null },
      ],
      myTotal: 68,
      scoredAt: '2026-11-20T02:00:00.000Z',
    });
    expect(screen.getByTestId('weighted-total')).toHaveTextContent('68 / 100');
    await user.click(screen.getByRole('button', { name: '更新评分' }));
    expect(await screen.findByText('得分超出该评分项的分值范围')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('未知的评分项');
  });

  it('shows a 409 from the API above the form', async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValue(new ApiError(409, 'EVALUATION_NOT_SCORING', '评审当前状态（closed）下不能评分'));
    const { user } = renderForm({
      onSubmit,
      myScores: [
        { criterion: 'technical', value: 6, comment: '一般' },
        { criterion: 'price', value: 5, comment: null },
        { criterion: 'team', value: 6, comment: null },
      ],
    });
    await user.click(screen.getByRole('button', { name: '更新评分' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('评审当前状态（closed）下不能评分');
  });

  it('shows my scores to read, not a form, once the panel closed', () => {
    renderForm({
      status: 'closed',
      myScores: [
        { criterion: 'technical', value: 6, comment: '识别准确率承诺未达目标' },
        { criterion: 'price', value: 5, comment: null },
        { criterion: 'team', value: 6, comment: null },
      ],
      myTotal: 68,
    });
    expect(screen.getByText('评审组已关闭，评分不能再修改。')).toBeInTheDocument();
    expect(screen.getByText('识别准确率承诺未达目标')).toBeInTheDocument();
    expect(screen.getByText('5 / 5')).toBeInTheDocument();
    expect(screen.getByTestId('weighted-total')).toHaveTextContent('68 / 100');
    expect(screen.queryByRole('spinbutton')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
