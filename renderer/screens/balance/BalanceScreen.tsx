import { useEffect, useMemo } from 'react';
import type { BalanceSnapshot } from '../../../shared/balance';
import { formatMoney, formatWhen } from '../../format';
import { useBalanceStore } from '../../store/balance-store';
import { BalanceChart } from './BalanceChart';

/** Funding moves: a reading where Pending fell and Available rose by about as much. */
function fundingMoves(history: BalanceSnapshot[]) {
  const moves: Array<{ at: string; amount: number }> = [];
  for (let i = 1; i < history.length; i++) {
    const applied = history[i - 1]!.pending - history[i]!.pending;
    if (applied > 0 && history[i]!.available > history[i - 1]!.available)
      moves.push({ at: history[i]!.at, amount: applied });
  }
  return moves;
}

function runwayWords(days: number): string {
  if (days < 1) return `About ${Math.max(1, Math.round(days * 24))} hours`;
  return `About ${days < 10 ? days.toFixed(1) : Math.round(days)} days`;
}

/** The GiftCard Partners deposit account: what it holds, what is about to go, how long it lasts, and alerts. */
export function BalanceScreen() {
  const { status, checking, error, load, check } = useBalanceStore();
  useEffect(() => {
    void load();
  }, [load]);
  const latest = status?.latest ?? null;
  const currency = latest?.currency ?? 'USD';
  const moves = useMemo(() => fundingMoves(status?.history ?? []), [status]);

  return (
    <section className="screen balance" aria-labelledby="screen-heading">
      <h1 id="screen-heading" tabIndex={-1}>
        Balance
      </h1>
      <p className="hint">GiftCard Partners deposit account. Every order is paid from Available.</p>
      {error && (
        <p className="banner banner-error" role="alert">
          {error.message}
        </p>
      )}
      {status?.error && (
        <p className="banner banner-warning" role="alert">
          Could not read the balance just now ({status.error}); showing the last reading. The desk tries again
          {status.nextCheckAt ? ` at ${formatWhen(status.nextCheckAt)}` : ' shortly'}.
        </p>
      )}
      <dl className="balance-figures" aria-label="Deposit balance">
        <div>
          <dt>Available</dt>
          <dd className="balance-available">{latest ? formatMoney(latest.available, currency) : '—'}</dd>
        </div>
        <div>
          <dt>Pending</dt>
          <dd>{latest ? formatMoney(latest.pending, currency) : '—'}</dd>
        </div>
        <div>
          <dt>In flight</dt>
          <dd>{status ? formatMoney(status.committed, currency) : '—'}</dd>
        </div>
        <div>
          <dt>Runway</dt>
          <dd>
            {!status
              ? '—'
              : status.runway.daysLeft === null
                ? 'No spending in the last 7 days'
                : `${runwayWords(status.runway.daysLeft)} at ${formatMoney(status.runway.spendPerDay, currency)} a day`}
          </dd>
        </div>
      </dl>
      <p className="hint" role="status" aria-label="Balance reading">
        {latest ? `Read ${formatWhen(latest.at)}` : 'Not read yet'}
        {status?.thresholds.length
          ? ` · alerts below ${status.thresholds.map((t) => formatMoney(t, currency)).join(' and ')} (Settings)`
          : ''}
      </p>
      <div className="detail-actions">
        <button type="button" className="button" disabled={checking} onClick={() => void check()}>
          {checking ? 'Checking…' : 'Check now'}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!status?.fundingPortalUrl}
          onClick={() => window.open(status!.fundingPortalUrl, '_blank', 'noopener,noreferrer')}
        >
          Request funding
        </button>
        {status && !status.fundingPortalUrl && (
          <span className="hint">
            Set the supplier portal address in Settings to request funding from here.
          </span>
        )}
      </div>
      {status && <BalanceChart history={status.history} currency={currency} />}
      {moves.length > 0 && (
        <>
          <h2>Funding received</h2>
          <ul aria-label="Funding received">
            {moves.map((m) => (
              <li key={m.at}>
                {formatWhen(m.at)}: {formatMoney(m.amount, currency)} moved from Pending to Available
              </li>
            ))}
          </ul>
        </>
      )}
      {status && status.alerts.length > 0 && (
        <>
          <h2>Recent alerts</h2>
          <ul aria-label="Recent alerts">
            {status.alerts.map((a, i) => (
              <li key={`${a.key}-${a.at}-${i}`}>
                {formatWhen(a.at)} — <strong>{a.title}</strong>: {a.body}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
