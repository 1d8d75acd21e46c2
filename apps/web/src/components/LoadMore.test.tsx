import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import '../i18n';
import { LoadMore } from './LoadMore';

describe('<LoadMore>', () => {
  it('fetches the next page on click while there is one', () => {
    const fetchNextPage = vi.fn(() => Promise.resolve());
    render(<LoadMore query={{ hasNextPage: true, isFetchingNextPage: false, fetchNextPage }} />);
    fireEvent.click(screen.getByRole('button'));
    expect(fetchNextPage).toHaveBeenCalledTimes(1);
  });

  it('shows nothing once the last page is in', () => {
    const { container } = render(
      <LoadMore query={{ hasNextPage: false, isFetchingNextPage: false, fetchNextPage: vi.fn() }} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
