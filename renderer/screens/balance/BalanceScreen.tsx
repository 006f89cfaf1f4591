import { useEffect } from 'react';
import { describeWindow, type BalanceStatus, type FundingMove, type Runway } from '../../../shared/balance';
import { formatDateTime, formatDuration, formatMoney } from '../../../shared/format';
import { useBalanceStore } from '../../state/balance';
import { BalanceChart } from './BalanceChart';
import { Fact } from '../../components/Fact';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Screen } from '../Screen';

function runwayLeft(days: number): string {
  const hours = days * 24;
  if (hours < 1) return 'Less than an hour';
  if (days < 1) return `About ${Math.round(hours)} hours`;
  return `About ${days < 10 ? days.toFixed(1) : Math.round(days).toLocaleString()} days`;
}

/** The runway in words, always naming the window and rate it used, or why there is none. */
function runwayText(runway: Runway, status: BalanceStatus, currency: string): string {
  switch (runway.kind) {
    case 'forecast':
      return `${runwayLeft(runway.daysLeft)} at ${formatMoney(runway.spendPerDay, currency)}/day over ${describeWindow(runway.windowMs)}`;
    case 'no_spending':
      return `No spending over ${describeWindow(runway.windowMs)}`;
    case 'not_enough_history':
      return 'Not enough history for a forecast yet';
    case 'paused':
      return status.depositCurrency === null
        ? 'Paused: set the deposit currency in Settings'
        : 'Paused: currency changed: check Settings';
  }
}

function runwayDetail(runway: Runway, status: BalanceStatus, currency: string): string | null {
  switch (runway.kind) {
    case 'forecast':
      return `${formatMoney(runway.spent, currency)} spent over ${describeWindow(runway.windowMs)}; Available less ${formatMoney(status.inFlight.amount, currency)} in flight leaves ${formatMoney(runway.spendable, currency)}.`;
    case 'not_enough_history':
      return `The desk has ${formatDuration(runway.historyMs)} of readings; a forecast needs ${formatDuration(runway.neededMs)} (7 days once it has them).`;
    default:
      return null;
  }
}

/** Between the last reading that had it in Pending and the first that had it in Available (readings are a minute apart). */
function movedWhen(move: FundingMove): string {
  const from = formatDateTime(move.from);
  const to = formatDateTime(move.to);
  return from === to ? `at ${to}` : `between ${from} and ${to}`;
}

function inFlightDetail(status: BalanceStatus): string {
  const { orders, atFaceValue, otherCurrency } = status.inFlight;
  const parts = [`${orders} ${orders === 1 ? 'order' : 'orders'} sent, not yet confirmed`];
  if (atFaceValue) parts.push(`${atFaceValue} at face value (product not cached)`);
  if (otherCurrency) parts.push(`${otherCurrency} priced in another currency, not added`);
  return parts.join('; ');
}

/** The GiftCard Partners deposit account: what it holds, what is about to go, how long it lasts, and alerts. */
export function BalanceScreen() {
  const { status, checking, error, load, check } = useBalanceStore();
  useEffect(() => {
    void load();
  }, [load]);
  const latest = status?.latest ?? null;
  const deposit = status?.depositCurrency ?? null;
  // A reading is shown in its own currency (never relabelled); figures of the desk's own are in the deposit's.
  const readingCurrency = latest?.currency || deposit;
  const currency = deposit ?? readingCurrency ?? '';

  return (
    <Screen name="balance" title="Balance">
      <p className="hint">GiftCard Partners deposit account. Every order is paid from Available.</p>
      <ErrorBanner error={error} />
      {status?.error && (
        <p className="banner banner-warning" role="alert">
          Could not read the balance just now ({status.error}); showing the last reading. The desk tries again
          {status.nextCheckAt ? ` at ${formatDateTime(status.nextCheckAt)}` : ' shortly'}.
        </p>
      )}
      {status?.currencyProblem && (
        <p className="banner banner-warning" role="alert">
          {status.currencyProblem}
        </p>
      )}
      <dl className="balance-figures" aria-label="Deposit balance">
        <div>
          <dt>Available</dt>
          <dd className="balance-available">
            {latest ? formatMoney(latest.available, readingCurrency) : '—'}
          </dd>
        </div>
        <Fact term="Pending">{latest ? formatMoney(latest.pending, readingCurrency) : '—'}</Fact>
        <Fact term="In flight">{status ? formatMoney(status.inFlight.amount, currency) : '—'}</Fact>
        <Fact term="Runway">{status ? runwayText(status.runway, status, currency) : '—'}</Fact>
      </dl>
      {status && (
        <ul className="hint balance-notes" aria-label="How these figures were worked out">
          <li>In flight: {inFlightDetail(status)}.</li>
          {runwayDetail(status.runway, status, currency) && (
            <li>Runway: {runwayDetail(status.runway, status, currency)}</li>
          )}
        </ul>
      )}
      <p className="hint" role="status" aria-label="Balance reading">
        {latest ? `Read ${formatDateTime(latest.at)}` : 'Not read yet'}
        {status?.thresholds.length && deposit
          ? ` · alerts below ${status.thresholds.map((t) => formatMoney(t, deposit)).join(' and ')} (Settings)`
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
      {status && status.otherCurrencyReadings > 0 && (
        <p className="hint">
          {status.otherCurrencyReadings} readings of the last 30 days are in another currency than {currency}:
          they are not charted, forecast or alerted on.
        </p>
      )}
      {status && status.fundings.length > 0 && (
        <>
          <h2>Funding received</h2>
          <ul aria-label="Funding received">
            {status.fundings.map((move) => (
              <li key={move.to}>
                {formatMoney(move.amount, move.currency)} moved from Pending to Available {movedWhen(move)}
              </li>
            ))}
          </ul>
        </>
      )}
      {status && status.recent.length > 0 && (
        <>
          <h2>Recent alerts</h2>
          <ul aria-label="Recent alerts">
            {status.recent.map((alert) => (
              <li key={alert.id}>
                {formatDateTime(alert.at)} — <strong>{alert.title}</strong>: {alert.body}{' '}
                <span className={alert.clearedAt ? 'alert-state' : 'alert-state alert-in-force'}>
                  {alert.clearedAt
                    ? `Cleared ${formatDateTime(alert.clearedAt)}: ${alert.clearedReason ?? 'no reason recorded'}.`
                    : 'In force.'}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}
