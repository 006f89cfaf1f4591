import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { arrivalTimes, type BalanceSnapshot } from '../../../shared/balance';
import { formatDateTime, formatMoney } from '../../../shared/format';

/** The machine's time zone: uPlot draws the time axis in it, and the axis says so. */
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Available and Pending over time (uPlot, canvas). The legend shows the reading under the pointer (or picked with
 * the arrow keys) and nothing otherwise; the figure's label gives the latest reading in words.
 */
export function BalanceChart({ history, currency }: { history: BalanceSnapshot[]; currency: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  // Readings in arrival order, on a time axis that never runs backwards (a wrongly stamped one keeps its place).
  const times = useMemo(() => arrivalTimes(history, Number.POSITIVE_INFINITY), [history]);

  // One plot per currency; new readings are set into it, so the reading under the pointer stays under it.
  const hasHistory = history.length > 0;
  useEffect(() => {
    const element = box.current;
    if (!element || !hasHistory) return;
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
          {
            label: `Time (${timeZone})`,
            stroke: color('--muted'),
            grid: { stroke: color('--border') },
          },
          {
            label: currency,
            stroke: color('--muted'),
            grid: { stroke: color('--border') },
            size: 70,
          },
        ],
        legend: { show: false },
        hooks: { setCursor: [(u) => setHovered(u.cursor.idx ?? null)] },
      },
      [[], [], []],
      element,
    );
    plotRef.current = plot;
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(320, element.clientWidth), height: 260 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
      setHovered(null);
    };
  }, [currency, hasHistory]);

  useEffect(() => {
    plotRef.current?.setData([
      times.map((t) => t / 1000),
      history.map((s) => s.available),
      history.map((s) => s.pending),
    ]);
  }, [history, times, currency, hasHistory]);

  /** Arrow keys walk the readings, Home/End jump, Escape clears: the legend follows, as with the pointer. */
  const onKey = (event: KeyboardEvent) => {
    const plot = plotRef.current;
    if (!plot || history.length === 0) return;
    const last = history.length - 1;
    const next: Record<string, number | null> = {
      ArrowLeft: hovered === null ? last : Math.max(0, hovered - 1),
      ArrowRight: hovered === null ? last : Math.min(last, hovered + 1),
      Home: 0,
      End: last,
      Escape: null,
    };
    if (!(event.key in next)) return;
    event.preventDefault();
    const idx = next[event.key]!;
    if (idx === null) plot.setCursor({ left: -10, top: -10 });
    else
      plot.setCursor({
        left: plot.valToPos(times[idx]! / 1000, 'x'),
        top: plot.valToPos(history[idx]!.available, 'y'),
      });
  };

  const latest = history.at(-1);
  const point = hovered === null ? null : history[hovered];
  return (
    <figure className="balance-chart">
      <div
        ref={box}
        role="img"
        tabIndex={history.length ? 0 : -1}
        onKeyDown={onKey}
        aria-label={
          latest
            ? `Deposit balance over ${history.length} readings, time in ${timeZone}; now ${formatMoney(latest.available, currency)} Available and ${formatMoney(latest.pending, currency)} Pending. Arrow keys read each reading.`
            : 'No balance readings yet'
        }
      />
      <p className="balance-legend" role="status" aria-label="Reading under the pointer">
        {point && (
          <>
            <span>{formatDateTime(point.at)}</span>
            <span>Available {formatMoney(point.available, currency)}</span>
            <span>Pending {formatMoney(point.pending, currency)}</span>
          </>
        )}
      </p>
      <figcaption className="hint">
        Solid: Available. Dashed: Pending (funding requested, not yet received). Time axis in {timeZone}.
      </figcaption>
    </figure>
  );
}
