import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the app draws (bar and funnel charts on a grid with a legend and tooltips), as SVG (crisp
// at any zoom, light), so the echarts chunk stays small.
echarts.use([BarChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The numbers behind a chart: the first column heads each row. */
export interface ChartTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface EChartProps {
  /** An ECharts option (built by a tested pure function). */
  option: object;
  /** What the chart shows, for screen readers (the chart itself is an image to them). */
  ariaLabel: string;
  /** The same numbers as a table only screen readers see, right after the chart. */
  table: ChartTable;
  height?: number;
  style?: CSSProperties;
}

/**
 * One ECharts instance in a div: created on mount, given each new option (replacing the last one),
 * resized with its box, disposed on unmount. The public statistics and the staff dashboard use it.
 */
export function EChart({ option, ariaLabel, table, height = 320, style }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    let instance: echarts.ECharts;
    try {
      instance = echarts.init(el, undefined, { renderer: 'svg' });
    } catch {
      return undefined; // a browser ECharts cannot draw in: the table still tells the numbers
    }
    chart.current = instance;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option as echarts.EChartsCoreOption, { notMerge: true });
  }, [option]);

  return (
    <figure style={{ margin: 0, position: 'relative', ...style }}>
      <div ref={box} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />
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
