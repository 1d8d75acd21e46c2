import { useEffect, useRef, type ReactNode } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the public pages draw: bar charts on a grid with a legend and tooltips, as SVG (crisp, light).
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface EChartProps {
  option: echarts.EChartsCoreOption;
  /** What the chart shows, for screen readers (the chart itself is an image to them). */
  ariaLabel: string;
  height: number;
  /** The accessible alternative (e.g. a visually hidden data table), placed right after the chart. */
  children?: ReactNode;
}

/**
 * One ECharts instance in a div: created on mount, given each new option (replacing the last one),
 * resized with its box, disposed on unmount.
 */
export function EChart({ option, ariaLabel, height, children }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <figure style={{ margin: 0, position: 'relative' }}>
      <div ref={box} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />
      {children}
    </figure>
  );
}
