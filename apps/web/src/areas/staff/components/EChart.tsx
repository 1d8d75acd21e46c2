import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the staff charts use, so the echarts chunk stays small.
echarts.use([FunnelChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

interface Props {
  /** An ECharts option (built by a tested pure function). */
  option: object;
  /** What the chart shows, read by screen readers in place of the canvas. */
  ariaLabel: string;
  /** The numbers behind the chart, as a table only screen readers see. */
  table: ChartTable;
  height?: number;
  style?: CSSProperties;
}

/**
 * One ECharts instance per mount: created on mount, given the option on every change, resized with its
 * box (ResizeObserver) and disposed on unmount. The canvas is hidden from assistive technology; the
 * figure carries a label and a visually hidden table of the same numbers.
 */
export function EChart({ option, ariaLabel, table, height = 320, style }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    let instance: echarts.ECharts | null = null;
    try {
      instance = echarts.init(el, undefined, { renderer: 'canvas' });
    } catch {
      return undefined; // no canvas (tests, very old browsers): the table still tells the numbers
    }
    chart.current = instance;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance?.resize());
    observer?.observe(el);
    const onResize = () => instance?.resize();
    window.addEventListener('resize', onResize);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', onResize);
      instance?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option as echarts.EChartsCoreOption, { notMerge: true });
  }, [option]);

  return (
    <figure role="figure" aria-label={ariaLabel} style={{ margin: 0, ...style }}>
      <div ref={box} aria-hidden="true" style={{ width: '100%', height }} data-testid="echart" />
      {/* Wrapped: a table ignores a width smaller than its content, a div clips it. */}
      <div className="sr-only">
        <table>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={j}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
