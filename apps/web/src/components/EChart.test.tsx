import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render } from '@testing-library/react';

const instance = { setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() };
vi.mock('echarts/core', () => ({ init: vi.fn(() => instance), use: vi.fn() }));

import * as echarts from 'echarts/core';
import { EChart } from './EChart';

const table = { caption: '数据表', columns: ['领域', '已发布'], rows: [['制造', 12]] };

describe('<EChart>', () => {
  beforeEach(() => vi.clearAllMocks());

  it('creates one chart, gives it each new option, and disposes of it on unmount', () => {
    const first = { series: [{ type: 'bar', data: [1] }] };
    const { rerender, unmount, getByRole } = render(
      <EChart option={first} ariaLabel="按领域统计柱状图" height={300} table={table} />,
    );
    expect(echarts.init).toHaveBeenCalledTimes(1);
    expect(vi.mocked(echarts.init).mock.calls[0][2]).toEqual({ renderer: 'svg' });
    expect(instance.setOption).toHaveBeenCalledWith(first, { notMerge: true });
    const chart = getByRole('img', { name: '按领域统计柱状图' });
    expect(chart).toHaveStyle({ height: '300px' });
    expect(getByRole('table', { name: '数据表' })).toBeInTheDocument();
    expect(getByRole('rowheader', { name: '制造' })).toBeInTheDocument();
    expect(getByRole('cell', { name: '12' })).toBeInTheDocument();

    const second = { series: [{ type: 'bar', data: [2] }] };
    rerender(<EChart option={second} ariaLabel="按领域统计柱状图" height={300} table={table} />);
    expect(echarts.init).toHaveBeenCalledTimes(1);
    expect(instance.setOption).toHaveBeenLastCalledWith(second, { notMerge: true });
    // The same option object again: no redraw.
    rerender(<EChart option={second} ariaLabel="按领域统计柱状图" height={300} table={table} />);
    expect(instance.setOption).toHaveBeenCalledTimes(2);

    unmount();
    expect(instance.dispose).toHaveBeenCalledTimes(1);
  });

  it('follows the size of its box', () => {
    const observers: { cb: ResizeObserverCallback; disconnect: ReturnType<typeof vi.fn> }[] = [];
    const Original = window.ResizeObserver;
    window.ResizeObserver = class {
      disconnect = vi.fn();
      constructor(cb: ResizeObserverCallback) {
        observers.push({ cb, disconnect: this.disconnect });
      }
      observe() {}
      unobserve() {}
    } as unknown as typeof ResizeObserver;
    try {
      const { unmount } = render(<EChart option={{}} ariaLabel="图" height={200} table={table} />);
      observers[0].cb([], {} as ResizeObserver);
      expect(instance.resize).toHaveBeenCalledTimes(1);
      unmount();
      expect(observers[0].disconnect).toHaveBeenCalled();
    } finally {
      window.ResizeObserver = Original;
    }
  });
});
