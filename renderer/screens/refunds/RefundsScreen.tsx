import { itemValueText } from '../../../shared/orders';
import { useEffect } from 'react';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { formatMoney, formatPoints } from '../../../shared/format';
import { refundText } from '../../../shared/points';
import type { LedgerFilter, PerCurrency } from '../../../shared/refunds';
import { CopyId } from '../../components/CopyId';
import {
  DayFilter,
  FilterBar,
  ListToolbar,
  SelectFilter,
  SupplierFilter,
  useStoredFilter,
} from '../../components/FilterBar';
import { utcDayStart } from '../../days';
import { RefundActions } from '../../components/RefundActions';
import { formatWhen } from '../../format';
import { useRefundsStore } from '../../state/refunds';
import { DataTable, rowFocus } from '../../components/DataTable';
import { MemberLink } from '../../components/OpenLinks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Screen } from '../Screen';

const money = (values: PerCurrency) =>
  Object.keys(values).length === 0
    ? '—'
    : Object.entries(values)
        .map(([currency, amount]) => formatMoney(amount, currency === 'unknown' ? null : currency))
        .join(' · ');

/** The refund ledger: what members are owed and what was refunded, by whom and when, with its totals. */
export function RefundsScreen() {
  const { filter, reply, exported, error, load, exportCsv } = useRefundsStore();
  const { change } = useStoredFilter<LedgerFilter>(filter, load);
  useEffect(() => {
    void load();
  }, [load]);
  const totals = reply?.totals;
  return (
    <Screen name="refunds" title="Refunds">
      <p className="hint">
        Every failed or cancelled item (gift cards and transfers alike) and every order resolved “not ours”
        owes the member a refund. Record each one with the loyalty system’s transaction id, or as not owed
        with a reason; either is undone only by reopening it with a reason. Everything here is in the audit
        log.
      </p>
      <ErrorBanner error={error} />
      <FilterBar label="Filters">
        <SelectFilter
          label="Show"
          value={filter.status ?? 'owed'}
          options={[
            ['owed', 'Owed, not recorded'],
            ['recorded', 'Recorded'],
            ['all', 'All'],
          ]}
          onChange={(status) => change({ status })}
        />
        <SupplierFilter
          value={filter.supplier}
          any="Both suppliers"
          onChange={(supplier) => change({ supplier })}
        />
        <DayFilter label="From (UTC day)" onChange={(day) => change({ from: utcDayStart(day) })} />
        <DayFilter label="To (UTC day)" onChange={(day) => change({ to: utcDayStart(day, 1) })} />
        <SelectFilter
          label="Recorded by"
          value={filter.agent}
          options={totals?.byAgent.map((a) => a.agent) ?? []}
          any="Anyone"
          onChange={(agent) => change({ agent })}
        />
      </FilterBar>
      {totals && (
        <section className="ledger-totals" aria-label="Ledger totals">
          <dl className="facts">
            <div>
              <dt>Owed, not recorded</dt>
              <dd aria-label="Owed total">
                {totals.owedCount.toLocaleString()} · {formatPoints(totals.owedPoints)}
                {totals.owedUnpriced > 0 && ` + ${totals.owedUnpriced} unpriced`} · {money(totals.owedValue)}
              </dd>
            </div>
            <div>
              <dt>Refunded</dt>
              <dd aria-label="Refunded total">
                {totals.refundedCount.toLocaleString()} · {formatPoints(totals.refundedPoints)} ·{' '}
                {money(totals.refundedValue)}
              </dd>
            </div>
          </dl>
          <details>
            <summary>Per day (UTC) and per agent</summary>
            <DataTable label="Totals per day (UTC)" columns={['Day (UTC)', 'Owed', 'Refunded', 'Not owed']}>
              {totals.byDay.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td>
                    {d.owedCount} · {formatPoints(d.owedPoints)} · {money(d.owedValue)}
                  </td>
                  <td>
                    {d.refundedCount} · {formatPoints(d.refundedPoints)} · {money(d.refundedValue)}
                  </td>
                  <td>{d.notOwedCount}</td>
                </tr>
              ))}
            </DataTable>
            <DataTable label="Totals per agent" columns={['Agent', 'Refunded', 'Not owed', 'Reopened']}>
              {totals.byAgent.map((a) => (
                <tr key={a.agent}>
                  <th scope="row">{a.agent}</th>
                  <td>
                    {a.refundedCount} · {formatPoints(a.refundedPoints)} · {money(a.refundedValue)}
                  </td>
                  <td>{a.notOwedCount}</td>
                  <td>{a.reopenedCount}</td>
                </tr>
              ))}
            </DataTable>
          </details>
        </section>
      )}
      <ListToolbar
        countLabel="Refund count"
        count={
          reply
            ? `${reply.rows.length.toLocaleString()} ${reply.rows.length === 1 ? 'refund' : 'refunds'}`
            : 'Loading…'
        }
        canExport={Boolean(reply?.rows.length)}
        onExport={() => void exportCsv()}
        exported={exported}
      />
      {reply && reply.rows.length > 0 && (
        <DataTable
          label="Refunds"
          columns={['Reference', 'Member', 'Why', 'Owed', 'Created', 'Ledger']}
          rowKeys
        >
          {reply.rows.slice(0, 500).map((row, i) => (
            <tr key={row.key} {...rowFocus(i)}>
              <td>
                <CopyId value={row.reference} label="reference" />
                <span className="hint"> {SUPPLIER_NAMES[row.supplier]}</span>
              </td>
              <td>
                <MemberLink memberId={row.memberId} />
              </td>
              <td>
                <code>{row.code}</code> {row.product ?? ''}
                {row.value !== null &&
                  ` ${row.kind === 'points_transfer' ? itemValueText({ kind: row.kind, value: row.value, currency: null }) : formatMoney(row.value * (row.quantity ?? 1), row.currency)}`}
              </td>
              <td>
                {row.pointsCorrection
                  ? `${formatPoints(row.pointsCorrection.points)} (corrected by ${row.pointsCorrection.agent})`
                  : row.refund
                    ? refundText(row.refund).replace(/^refund /, '')
                    : '—'}
              </td>
              <td>{formatWhen(row.createdAt)}</td>
              <td>
                <RefundActions row={row} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {reply && reply.rows.length > 500 && (
        <p className="hint">The first 500 are shown; narrow the filters, or export CSV for all of them.</p>
      )}
    </Screen>
  );
}
