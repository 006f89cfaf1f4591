import { useEffect, useState } from 'react';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { formatMoney } from '../../../shared/format';
import {
  RECONCILIATION_SERIOUS,
  RECONCILIATION_TITLES,
  type ReconciliationKind,
} from '../../../shared/reconciliation';
import { DayFilter, FilterBar } from '../../components/FilterBar';
import { localDayStart } from '../../days';
import { formatWhen } from '../../format';
import { useReconciliationStore } from '../../state/reconciliation';
import { DataTable, rowFocus } from '../../components/DataTable';
import { ReferenceAndOrder } from '../../components/OpenLinks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Screen } from '../Screen';

/** The daily (and on-demand) reconciliation: supplier history against the journal and the deposit. */
export function ReconciliationScreen() {
  const { report, running, error, load, run } = useReconciliationStore();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Screen name="reconciliation" title="Reconciliation">
      <p className="hint">
        Sets each supplier’s synced order history against the desk’s journal and the GiftCard Partners
        deposit’s movements. It runs by itself once a day for the 24 hours before; run it for any period here.
        Sync the history first: orders not yet synced cannot be matched.
      </p>
      <FilterBar label="Period">
        <DayFilter label="From (default: 24 h ago)" value={from} onChange={setFrom} />
        <DayFilter label="To (default: now)" value={to} onChange={setTo} />
        <button
          type="button"
          className="button button-primary"
          disabled={running}
          onClick={() => void run({ from: localDayStart(from), to: localDayStart(to, true) })}
        >
          {running ? 'Reconciling…' : 'Run reconciliation now'}
        </button>
      </FilterBar>
      <ErrorBanner error={error} />
      {!report && !running && <p className="hint">No report yet on this profile.</p>}
      {report && (
        <>
          <h2>
            {report.trigger === 'daily' ? 'Daily report' : 'Report'}: {formatWhen(report.from)} to{' '}
            {formatWhen(report.to)}
          </h2>
          <p role="status" aria-label="Reconciliation summary">
            Generated {formatWhen(report.generatedAt)} ·{' '}
            {Object.entries(report.counts)
              .map(([kind, n]) => `${RECONCILIATION_TITLES[kind as ReconciliationKind]}: ${n}`)
              .join(' · ') || 'nothing to explain'}
          </p>
          <p className="hint">
            History as of{' '}
            {Object.entries(report.historyAsOf)
              .map(
                ([s, at]) =>
                  `${SUPPLIER_NAMES[s as keyof typeof SUPPLIER_NAMES]} ${at ? formatWhen(at) : 'never'}`,
              )
              .join(' · ')}
            . Written to {report.file}.
          </p>
          {report.lines.length > 0 && (
            <DataTable
              label="Reconciliation lines"
              columns={['Finding', 'Supplier', 'Reference', 'When', 'Amount', 'What it means']}
              rowKeys
            >
              {report.lines.map((line, i) => (
                <tr key={i} {...rowFocus(i)}>
                  <td>
                    {RECONCILIATION_SERIOUS.includes(line.kind) ? '⚠ ' : ''}
                    {RECONCILIATION_TITLES[line.kind]}
                  </td>
                  <td>{SUPPLIER_NAMES[line.supplier]}</td>
                  <td>
                    <ReferenceAndOrder reference={line.reference} supplierOrderId={line.supplierOrderId} />
                  </td>
                  <td>{formatWhen(line.at)}</td>
                  <td>{line.amount === null ? '—' : formatMoney(line.amount, line.currency)}</td>
                  <td>{line.explanation}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </Screen>
  );
}
