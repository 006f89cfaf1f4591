import { useEffect, useState, type FormEvent } from 'react';
import type { BulkBatch, BulkRow } from '../../../shared/bulk';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { formatMoney } from '../../../shared/format';
import { CopyId } from '../../components/CopyId';
import { Field, TextField } from '../../components/Field';
import { FilterBar, SupplierFilter } from '../../components/FilterBar';
import { ReasonForm } from '../../components/ReasonForm';
import { formatWhen } from '../../format';
import { useBulkStore } from '../../state/bulk';
import { useShellStore } from '../../state/shell';
import { DataTable, rowFocus } from '../../components/DataTable';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Screen } from '../Screen';

const totalsText = (totals: Record<string, number>) =>
  Object.entries(totals)
    .map(([currency, amount]) => formatMoney(amount, currency === 'unknown' ? null : currency))
    .join(', ');

/**
 * Bulk recovery: a template per supplier, a whole file checked before anything is sent, then each row placed
 * exactly once through the journal, with pause and resume, held rows placed one by one with a typed reason,
 * and a result CSV.
 */
export function BulkScreen() {
  const { supplier, template, validation, batches, current, exported, error } = useBulkStore();
  const store = useBulkStore.getState();
  const [reading, setReading] = useState(false);
  useEffect(() => {
    void useBulkStore.getState().load();
  }, []);
  const onFile = async (event: FormEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setReading(true);
    await store.validate(file.name, await file.text());
    setReading(false);
  };
  return (
    <Screen name="bulk" title="Bulk recovery">
      <p className="hint">
        Place many orders from a CSV file: one row per order, with the member id and the client system’s
        reference (the reference makes each row exactly-once, even across a restart). Every row is checked
        first; nothing is sent while any row is bad.
      </p>
      <ErrorBanner error={error} />
      <FilterBar label="File">
        <SupplierFilter value={supplier} onChange={(next) => next && store.setSupplier(next)} />
        <button type="button" className="button" onClick={() => void store.loadTemplate()}>
          Get the {SUPPLIER_NAMES[supplier]} template
        </button>
        <Field label="CSV file to check">
          {(props) => (
            <input
              {...props}
              type="file"
              accept=".csv,text/csv"
              disabled={reading}
              onChange={(e) => void onFile(e)}
            />
          )}
        </Field>
      </FilterBar>
      {template && (
        <Field label={`Template (also saved to ${template.file})`}>
          {(props) => <textarea {...props} readOnly rows={3} value={template.csv} />}
        </Field>
      )}
      {validation && <ValidationReport />}
      {current && <BatchPanel batch={current.batch} rows={current.rows} />}
      {exported && (
        <p role="status">
          Result written: {exported.rows.toLocaleString()} rows to {exported.file}
        </p>
      )}
      {batches.length > 0 && (
        <>
          <h2>Batches on this profile</h2>
          <ul className="plain-list" aria-label="Batches">
            {batches.map((b) => (
              <li key={b.id}>
                <button type="button" className="link-button" onClick={() => void store.open(b.id)}>
                  Batch #{b.id}: {b.fileName}
                </button>{' '}
                <span className="hint">
                  {b.state} · {b.counts.placed}/{b.rowCount} placed · {formatWhen(b.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}

function ValidationReport() {
  const validation = useBulkStore((s) => s.validation)!;
  const bad = validation.fileErrors.length + validation.bad.length;
  return (
    <section className="bulk-report" aria-label="Check of the file" role={bad ? 'alert' : 'status'}>
      <h2>
        {validation.fileName}: {validation.rows.toLocaleString()} rows
      </h2>
      {validation.fileErrors.map((e) => (
        <p key={e} className="form-error">
          {e}
        </p>
      ))}
      {validation.bad.length > 0 && (
        <>
          <p className="form-error">
            {validation.bad.length.toLocaleString()} {validation.bad.length === 1 ? 'row is' : 'rows are'}{' '}
            bad. Nothing was sent: fix them and check the file again.
          </p>
          <DataTable label="Bad rows" columns={['Line', 'Reference', 'What is wrong']}>
            {validation.bad.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td>{row.reference ?? '—'}</td>
                <td>{row.errors.join('; ')}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      {bad === 0 && validation.batch && (
        <p>
          Every row passed: batch #{validation.batch.id}, {totalsText(validation.totals)}. Nothing is sent
          until you start it.
        </p>
      )}
    </section>
  );
}

function BatchPanel({ batch, rows }: { batch: BulkBatch; rows: BulkRow[] }) {
  const production = useShellStore((s) => s.info?.activeProfile.environment === 'production');
  const store = useBulkStore.getState();
  const held = rows.filter((r) => r.state === 'held');
  const failed = rows.filter((r) => r.state === 'failed');
  const done = batch.counts.placed + batch.counts.held + batch.counts.failed;
  return (
    <section className="bulk-batch" aria-label={`Batch #${batch.id}`}>
      <h2>
        Batch #{batch.id}: {batch.fileName} ({SUPPLIER_NAMES[batch.supplier]})
      </h2>
      <p role="status" aria-label="Batch progress">
        {batch.state === 'ready'
          ? `Checked, not started: ${batch.rowCount.toLocaleString()} rows, ${totalsText(batch.totals)}.`
          : `${batch.state === 'running' ? 'Placing' : batch.state === 'paused' ? 'Paused' : 'Finished'}: ${batch.counts.placed.toLocaleString()} placed, ${batch.counts.held} held, ${batch.counts.failed} failed, ${(batch.counts.pending + batch.counts.placing).toLocaleString()} to go (of ${batch.rowCount.toLocaleString()}).`}
      </p>
      <progress aria-label="Rows done" max={batch.rowCount} value={done} />
      {batch.lastError && (
        <p className="form-error" role="alert">
          Paused by itself: {batch.lastError}
        </p>
      )}
      <div className="dialog-actions">
        {batch.state === 'ready' &&
          (production ? (
            <ProductionStart batch={batch} />
          ) : (
            <button type="button" className="button button-primary" onClick={() => void store.start()}>
              Start placing {batch.rowCount.toLocaleString()} orders
            </button>
          ))}
        {batch.state === 'running' && (
          <button type="button" className="button" onClick={() => void store.pause()}>
            Pause
          </button>
        )}
        {batch.state === 'paused' && (
          <button type="button" className="button button-primary" onClick={() => void store.resume()}>
            Resume
          </button>
        )}
        <button type="button" className="button" onClick={() => void store.exportCsv()}>
          Export result CSV
        </button>
      </div>
      {held.length > 0 && (
        <>
          <h3>Held: a possible second payment ({held.length})</h3>
          <p className="hint">
            The member may already have this order. Check the matches; place a row only with its own reason.
          </p>
          <ul className="plain-list" aria-label="Held rows">
            {held.map((row) => (
              <HeldRow key={row.line} row={row} />
            ))}
          </ul>
        </>
      )}
      {failed.length > 0 && (
        <>
          <h3>Not placed ({failed.length})</h3>
          <ul className="plain-list" aria-label="Rows not placed">
            {failed.map((row) => (
              <li key={row.line}>
                Line {row.line}, <CopyId value={row.reference} label="reference" />: {row.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>Every row</summary>
        <DataTable label="Batch rows" columns={['Line', 'Reference', 'Member', 'Row', 'Placement']} rowKeys>
          {rows.slice(0, 1000).map((row, i) => (
            <tr key={row.line} {...rowFocus(i)}>
              <td>{row.line}</td>
              <td>
                <code className="id">{row.reference}</code>
              </td>
              <td>{row.memberId ?? '—'}</td>
              <td>{row.state}</td>
              <td>
                {row.placementId
                  ? `#${row.placementId} ${row.placement?.state ?? ''}${row.placement?.outcome ? ` (${row.placement.outcome.replace('_', ' ')})` : ''}`
                  : (row.message ?? '—')}
              </td>
            </tr>
          ))}
        </DataTable>
      </details>
    </section>
  );
}

function HeldRow({ row }: { row: BulkRow }) {
  const release = useBulkStore((s) => s.release);
  return (
    <li>
      Line {row.line}, <CopyId value={row.reference} label="reference" />, member {row.memberId ?? 'unknown'}:{' '}
      {row.held?.map((m) => m.why).join('; ')}
      <ReasonForm
        label={`Why place line ${row.line} anyway? (audited)`}
        submitLabel={`Place line ${row.line}`}
        onSubmit={(reason) => release(row.line, reason)}
      />
    </li>
  );
}

/** Production: the row count and the total per currency typed back before anything is sent. */
function ProductionStart({ batch }: { batch: BulkBatch }) {
  const start = useBulkStore((s) => s.start);
  const currencies = Object.keys(batch.totals);
  const [count, setCount] = useState('');
  const [totals, setTotals] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = Object.fromEntries(
      currencies.map((c) => [c, Number((totals[c] ?? '').replace(/[,\s]/g, ''))]),
    );
    const problem = await start({ count: Number(count.replace(/[,\s]/g, '')), totals: typed });
    setError(problem?.message ?? null);
  };
  return (
    <form className="reason-form" onSubmit={(e) => void submit(e)} aria-label="Confirm the Production batch">
      <p>Production: type back what this batch sends before it starts.</p>
      <TextField label="Number of orders" inputMode="numeric" value={count} onChange={setCount} />
      {currencies.map((currency) => (
        <TextField
          key={currency}
          label={`Total face value in ${currency}`}
          inputMode="decimal"
          value={totals[currency] ?? ''}
          onChange={(value) => setTotals({ ...totals, [currency]: value })}
        />
      ))}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      <button type="submit" className="button button-danger">
        Start on Production
      </button>
    </form>
  );
}
