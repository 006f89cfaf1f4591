import { useEffect, useRef, useState } from 'react';
import { SUPPLIERS, SUPPLIER_NAMES } from '../../../shared/domain';
import { formatMoney, formatPoints } from '../../../shared/format';
import { CopyId } from '../../components/CopyId';
import { RefundActions } from '../../components/RefundActions';
import { formatWhen } from '../../format';
import { useMemberStore } from '../../state/member';
import { Fact } from '../../components/Fact';
import { DataTable, rowFocus } from '../../components/DataTable';
import { SearchForm } from '../../components/SearchForm';
import { LookupButton } from '../../components/OpenLinks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Screen } from '../Screen';

/** One member across both suppliers and the journal: orders, refunds owed and refunded, open placements, notes. */
export function MemberScreen() {
  const { query, view, loading, error, arrived, open, reload } = useMemberStore();
  const heading = useRef<HTMLHeadingElement>(null);
  // The view arrived (a look-up, a link): the work continues on it.
  useEffect(() => {
    if (arrived > 0) heading.current?.focus();
  }, [arrived]);
  return (
    <Screen name="member" title="Member">
      {/* Keyed by the query: a member opened from elsewhere (a link, Lookup) shows its query here. */}
      <MemberForm
        key={query}
        initial={query}
        loading={loading}
        autoFocus={!view}
        onOpen={(q) => void open(q)}
      />
      <ErrorBanner error={error} />
      {view && (
        <>
          <h2 ref={heading} tabIndex={-1}>
            {view.identity.memberId ? `Member ${view.identity.memberId}` : `Recipient ${view.identity.email}`}
          </h2>
          <p className="hint">
            Found as {view.identity.how}.{' '}
            {view.identity.memberId && <CopyId value={view.identity.memberId} label="member id" />}
          </p>
          <dl className="facts" aria-label="Member summary">
            <Fact term="Orders">
              {view.orders.length} (
              {SUPPLIERS.map(
                (supplier) =>
                  `${view.orders.filter((o) => o.supplier === supplier).length} ${SUPPLIER_NAMES[supplier]}`,
              ).join(', ')}
              )
            </Fact>
            <Fact term="Owed, not recorded">
              {view.refunds.owed.length} · {formatPoints(view.refunds.owedPoints)}
              {view.refunds.unpriced > 0 && ` + ${view.refunds.unpriced} unpriced`}
            </Fact>
            <Fact term="Refunded">
              {view.refunds.recorded.filter((r) => r.ledger?.status === 'refunded').length} ·{' '}
              {formatPoints(view.refunds.refundedPoints)}
            </Fact>
            <Fact term="Open placements">{view.openPlacements.length}</Fact>
          </dl>
          {view.openPlacements.length > 0 && (
            <>
              <h3>Open placements</h3>
              <ul className="plain-list" aria-label="Open placements">
                {view.openPlacements.map((p) => (
                  <li key={p.id}>
                    #{p.id} · {SUPPLIER_NAMES[p.supplier]} · <CopyId value={p.reference} label="reference" />{' '}
                    · {p.state.replace('_', ' ')} since {formatWhen(p.since)}{' '}
                    <LookupButton reference={p.reference} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>Orders</h3>
          {view.orders.length === 0 ? (
            <p className="hint">No orders for this member in the cache or the journal.</p>
          ) : (
            <DataTable
              label="Member orders"
              columns={[
                'Created',
                'Supplier',
                'Reference',
                'Status',
                'Products',
                'Total (face value)',
                'Deposit cost',
                'Known from',
              ]}
              rowKeys
            >
              {view.orders.map((o, i) => (
                <tr key={`${o.supplier}:${o.reference}`} {...rowFocus(i)}>
                  <td>{formatWhen(o.createdAt)}</td>
                  <td>{SUPPLIER_NAMES[o.supplier]}</td>
                  <td>
                    <CopyId value={o.reference} label="reference" /> <LookupButton reference={o.reference} />
                  </td>
                  <td>{o.state}</td>
                  <td>{o.products}</td>
                  <td>{formatMoney(o.faceValue, o.currency)}</td>
                  <td>{o.depositCost === null ? '—' : formatMoney(o.depositCost, o.currency)}</td>
                  <td>{o.sources.map((s) => (s === 'journal' ? 'desk journal' : 'history')).join(' + ')}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {view.refunds.owed.length + view.refunds.recorded.length > 0 && (
            <>
              <h3>Refunds</h3>
              <ul className="plain-list" aria-label="Member refunds">
                {[...view.refunds.owed, ...view.refunds.recorded].map((row) => (
                  <li key={row.key}>
                    <CopyId value={row.reference} label="reference" /> <code>{row.code}</code> {row.product}
                    <RefundActions row={row} onChanged={() => void reload()} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>Notes</h3>
          {view.notes.length === 0 ? (
            <p className="hint">No notes yet. Add one from an order in Lookup.</p>
          ) : (
            <ul className="plain-list" aria-label="Member notes">
              {view.notes.map((n) => (
                <li key={n.id}>
                  <strong>{n.agent}</strong>, {formatWhen(n.at)} on {n.reference}: {n.text}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Screen>
  );
}

function MemberForm({
  initial,
  loading,
  autoFocus,
  onOpen,
}: {
  initial: string;
  loading: boolean;
  autoFocus: boolean;
  onOpen(query: string): void;
}) {
  const [typed, setTyped] = useState(initial);
  return (
    <SearchForm
      name="Find a member"
      label="Member id, email, or one of their references or order ids"
      value={typed}
      onChange={setTyped}
      onSubmit={() => typed.trim() && onOpen(typed.trim())}
      submitLabel={loading ? 'Looking…' : 'Open member'}
      primary
      busy={loading}
      autoFocus={autoFocus}
    />
  );
}
