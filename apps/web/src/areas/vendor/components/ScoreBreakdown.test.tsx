import { render, screen, within } from '@testing-library/react';
import { ScoreBreakdown } from './ScoreBreakdown';
import type { MatchComponent } from '../types';
import '../i18n';

const components: MatchComponent[] = [
  { key: 'feedback', points: -4.5, max: 16, detail: { own: null, similar: [{}] } },
  { key: 'domain', points: 12, max: 12, detail: { rule: 'declared' } },
  {
    key: 'capability',
    points: 19.1,
    max: 26,
    detail: { ticked: ['amr_agv'], shownInText: ['smart_warehousing'], matched: { amr_agv: 1 } },
  },
  { key: 'trl', points: 5, max: 5, detail: { rule: 'meets', required: 7, vendor: 9 } },
];

describe('ScoreBreakdown', () => {
  it('lists each component with its points of the maximum, in order, with the reasons', () => {
    render(<ScoreBreakdown components={components} matchedTerms={['叉车', 'agv']} />);
    const section = screen.getByTestId('score-breakdown');
    expect(within(section).getByRole('heading', { level: 3 })).toHaveTextContent('匹配原因');
    const items = within(section)
      .getAllByRole('listitem')
      .filter((li) => li.dataset.component);
    expect(items.map((li) => li.dataset.component)).toEqual(['domain', 'capability', 'trl', 'feedback']);
    expect(items[0]).toHaveTextContent('领域');
    expect(items[0]).toHaveTextContent('12 / 12 分');
    expect(items[0]).toHaveTextContent('档案声明了该领域');
    expect(items[1]).toHaveTextContent('19.1 / 26 分');
    expect(items[1]).toHaveTextContent('匹配能力：');
    expect(items[2]).toHaveTextContent('技术成熟度 9 级，满足要求的 7 级');
    expect(items[3]).toHaveTextContent('−4.5 / 16 分');
  });

  it('shows the matched terms as tags', () => {
    render(<ScoreBreakdown components={[]} matchedTerms={['叉车', 'agv']} />);
    const terms = screen.getByRole('list', { name: '匹配关键词' });
    expect(
      within(terms)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['叉车', 'agv']);
  });
});
