import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { BalanceSnapshot } from '../../../shared/balance';

/** Available and Pending over time (uPlot, canvas). The figure's label and the table beside it say the same in text. */
export function BalanceChart({ history, currency }: { history: BalanceSnapshot[]; currency: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || history.length === 0) return;
    const data: uPlot.AlignedData = [
      history.map((s) => Date.parse(s.at) / 1000),
      history.map((s) => s.available),
      history.map((s) => s.pending),
    ];
    const styles = getComputedStyle(document.documentElement);
    const color = (name: string) => styles.getPropertyValue(name).trim();
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: 260,
        series: [
          {},
          { label: `Available (${currency})`, stroke: color('--accent'), width: 2 },
          { label: `Pending (${currency})`, stroke: color('--uat'), width: 2, dash: [6, 4] },
        ],
        axes: [
          { stroke: color('--muted'), grid: { stroke: color('--border') } },
          { stroke: color('--muted'), grid: { stroke: color('--border') }, size: 70 },
        ],
        legend: { show: true },
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(320, element.clientWidth), height: 260 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [history, currency]);
  const latest = history.at(-1);
  return (
    <figure className="balance-chart">
      <div
        ref={box}
        role="img"
        aria-label={
          latest
            ? `Deposit balance over ${history.length} readings; now ${latest.available.toFixed(2)} Available and ${latest.pending.toFixed(2)} Pending ${currency}`
            : 'No balance readings yet'
        }
      />
      <figcaption className="hint">
        Solid: Available. Dashed: Pending (funding requested, not yet received).
      </figcaption>
    </figure>
  );
}
