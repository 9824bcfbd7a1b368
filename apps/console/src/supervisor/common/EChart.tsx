import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

interface EChartProps {
  option: echarts.EChartsOption;
  /** What the chart shows, for screen readers (the page also gives a text summary next to it). */
  ariaLabel: string;
  height?: number;
  testId?: string;
}

/** One echarts instance per element: resized with its box, disposed on unmount. */
export function EChart({ option, ariaLabel, height = 300, testId }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const box = element.current;
    if (!box) return;
    const instance = echarts.init(box);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box);
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
    <div
      ref={element}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', height }}
    />
  );
}
