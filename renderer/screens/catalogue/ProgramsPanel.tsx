import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { ProgramEntry } from '../../../shared/transfers';
import { FilterBar, InputFilter, SelectFilter } from '../../components/FilterBar';
import { usePlacementStore } from '../../state/placement';
import { useProgramsStore } from '../../state/programs';
import { useShellStore } from '../../state/shell';
import { Checkbox } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { FreshnessNote } from './FreshnessNote';

const number = (n: number | null) => (n === null ? 'not given' : n.toLocaleString('en-US'));

/** A programme's transfer rules in words: "1,000 to 500,000 miles, in steps of 500". */
export function rulesText(entry: ProgramEntry): string {
  const p = entry.program;
  const unit = p.unitName ?? 'units';
  const range =
    p.minAmount === null && p.maxAmount === null
      ? `any amount of ${unit}`
      : `${number(p.minAmount)} to ${number(p.maxAmount)} ${unit}`;
  return p.increment && p.increment > 1 ? `${range}, in steps of ${number(p.increment)}` : range;
}

const conversionText = (entry: ProgramEntry) => {
  const p = entry.program;
  return p.conversionRate === null
    ? 'not given'
    : `${p.conversionRate.toLocaleString('en-US')} per point redeemed (${p.unitName ?? 'units'})`;
};

/** Ascenda's loyalty programmes beside the cards: their transfer rules, filterable, and "Transfer points". */
export function ProgramsPanel() {
  const { snapshot, error, load, refresh } = useProgramsStore();
  const setScreen = useShellStore((s) => s.setScreen);
  const preselectProgram = usePlacementStore((s) => s.preselectProgram);
  const [text, setText] = useState('');
  const [speed, setSpeed] = useState<'' | 'instant' | 'days'>('');
  const [showWithdrawn, setShowWithdrawn] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);

  const needle = useDeferredValue(text).trim().toLowerCase();
  const entries = useMemo(() => snapshot?.entries ?? [], [snapshot]);
  const shown = useMemo(
    () =>
      entries.filter((e) => {
        if (!showWithdrawn && !e.available) return false;
        const p = e.program;
        if (needle && !`${p.name} ${p.id} ${p.unitName ?? ''}`.toLowerCase().includes(needle)) return false;
        if (speed) {
          const instant = /instant|real[- ]time/i.test(p.timeToCredit ?? '');
          if ((speed === 'instant') !== instant) return false;
        }
        return true;
      }),
    [entries, needle, speed, showWithdrawn],
  );

  return (
    <div className="programs-panel">
      <p className="programs-freshness" role="status" aria-label="Programme list freshness">
        <FreshnessNote
          name="Ascenda loyalty programmes"
          freshness={snapshot?.freshness}
          refreshLabel="Refresh loyalty programmes"
          onRefresh={() => void refresh()}
        />
      </p>
      <ErrorBanner error={error} />
      <FilterBar label="Programme filters">
        <InputFilter
          label="Search programmes"
          search
          value={text}
          placeholder="Name, id or unit"
          onChange={setText}
        />
        <SelectFilter
          label="Time to credit"
          value={speed}
          options={[
            ['instant', 'Instant'],
            ['days', 'Can take days'],
          ]}
          any="Any"
          onChange={(next) => setSpeed(next ?? '')}
        />
        <Checkbox label="Show withdrawn" checked={showWithdrawn} onChange={setShowWithdrawn} />
      </FilterBar>
      <p role="status" aria-label="Programme count" className="list-count">
        {snapshot
          ? `${shown.length.toLocaleString()} of ${entries.length.toLocaleString()} programmes`
          : 'Loading…'}
      </p>
      <table className="programs-table" aria-label="Loyalty programmes">
        <thead>
          <tr>
            <th scope="col">Programme</th>
            <th scope="col">Transfer amount</th>
            <th scope="col">Conversion</th>
            <th scope="col">Typical time to credit</th>
            <th scope="col">Business days counted in</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => {
            const p = entry.program;
            return (
              <tr key={p.id}>
                <th scope="row">
                  {p.name} <span className="hint">({p.id})</span>
                </th>
                <td>{rulesText(entry)}</td>
                <td>{conversionText(entry)}</td>
                <td>{p.timeToCredit ?? 'not given (up to 5 business days)'}</td>
                <td>{p.timeZone ?? 'UTC (programme’s zone not given)'}</td>
                <td>{entry.available ? 'Available' : 'Withdrawn: transfers refused'}</td>
                <td>
                  {entry.available && (
                    <button
                      type="button"
                      className="button"
                      aria-label={`Transfer points to ${p.name}`}
                      onClick={() => {
                        preselectProgram(p.id);
                        setScreen('place-order');
                      }}
                    >
                      Transfer points
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {snapshot && shown.length === 0 && (
        <p className="hint">
          {entries.length === 0
            ? 'No programmes cached yet for this profile: refresh to read them from Ascenda.'
            : 'No programme matches these filters.'}
        </p>
      )}
    </div>
  );
}
