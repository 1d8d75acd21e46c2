import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import '../i18n';
import { RubricEditor } from './RubricEditor';
import type { CriterionDraft } from './rubric';

const criteria: CriterionDraft[] = [
  { key: 'technical', name: '技术方案', weight: 50, scaleMax: 10, commentRequired: true },
  { key: 'price', name: '报价', weight: 40, scaleMax: 5, commentRequired: false },
];

function setup(onSave = vi.fn().mockResolvedValue(undefined)) {
  render(
    <RubricEditor
      initial={{ criteria, blindFirstRound: false, minReviewersPerProposal: 3, disagreementThreshold: 15 }}
      editable
      onSave={onSave}
    />,
  );
  return onSave;
}

// Ant Design forms are slow to render in jsdom on a busy machine: more than the default 5 s per test.
describe('RubricEditor', { timeout: 30_000 }, () => {
  it('shows the live total and refuses to save when the weights do not sum to 100', async () => {
    const user = userEvent.setup();
    const onSave = setup();
    expect(screen.getByText('权重合计：90 / 100')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '保存评分细则' }));

    const alerts = await screen.findAllByRole('alert');
    expect(alerts.some((a) => within(a).queryByText('各评分项权重之和必须为 100（当前为 90）'))).toBe(true);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('saves once the total is 100', async () => {
    const user = userEvent.setup();
    const onSave = setup();
    const weight = screen.getByRole('spinbutton', { name: '评分项 2 权重' });
    await user.clear(weight);
    await user.type(weight, '50');
    expect(await screen.findByText('权重合计：100 / 100')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '保存评分细则' }));

    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0][0]).toEqual({
      criteria: [
        { key: 'technical', name: '技术方案', weight: 50, scaleMax: 10, commentRequired: true },
        { key: 'price', name: '报价', weight: 50, scaleMax: 5, commentRequired: false },
      ],
      blindFirstRound: false,
      minReviewersPerProposal: 3,
      disagreementThreshold: 15,
    });
  });

  it('puts a bad key next to its field', async () => {
    const user = userEvent.setup();
    const onSave = setup();
    const key = screen.getByRole('textbox', { name: '评分项 1 标识' });
    await user.clear(key);
    await user.type(key, 'Technical Score');
    const weight = screen.getByRole('spinbutton', { name: '评分项 2 权重' });
    await user.clear(weight);
    await user.type(weight, '50');

    await user.click(screen.getByRole('button', { name: '保存评分细则' }));

    expect(
      await screen.findByText('标识须以小写字母开头，只含小写字母、数字和下划线（不超过 40 个字符）'),
    ).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
  });
});
