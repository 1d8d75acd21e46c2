import { render, screen } from '@testing-library/react';
import { DeadlineCountdown } from './Countdown';
import '../i18n';

const now = new Date('2026-11-24T12:00:00Z').getTime();

describe('DeadlineCountdown', () => {
  it('shows days, hours and minutes left, not in red', () => {
    render(<DeadlineCountdown deadline="2026-11-27T15:42:00Z" now={now} showDate={false} />);
    const timer = screen.getByRole('timer');
    expect(timer).toHaveTextContent('距揭榜截止 3 天 3 小时 42 分');
    expect(timer).toHaveAttribute('data-urgent', 'false');
    expect(timer.style.color).toBe('');
  });

  it('turns red in the last 24 hours', () => {
    render(<DeadlineCountdown deadline="2026-11-25T11:30:00Z" now={now} showDate={false} />);
    const timer = screen.getByRole('timer');
    expect(timer).toHaveTextContent('距揭榜截止 23 小时 30 分');
    expect(timer).toHaveAttribute('data-urgent', 'true');
    expect(timer.style.color).toBe('rgb(207, 19, 34)');
  });

  it('says closed after the deadline', () => {
    render(<DeadlineCountdown deadline="2026-11-24T11:00:00Z" now={now} showDate={false} />);
    expect(screen.getByRole('timer')).toHaveTextContent('已截止');
    expect(screen.getByRole('timer')).toHaveAttribute('data-expired', 'true');
  });
});
