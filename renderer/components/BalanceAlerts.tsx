import { useBalanceStore } from '../store/balance-store';

/** Balance alerts raised while the desk is open, on every screen until dismissed. */
export function BalanceAlerts({ onOpen }: { onOpen(): void }) {
  const { unread, dismiss } = useBalanceStore();
  return unread.map((alert) => (
    <div key={`${alert.key}-${alert.at}`} className="banner banner-error" role="alert">
      <span>
        <strong>{alert.title}.</strong> {alert.body}
      </span>
      <button type="button" onClick={onOpen}>
        Open Balance
      </button>
      <button type="button" onClick={() => dismiss(alert)} aria-label={`Dismiss: ${alert.title}`}>
        Dismiss
      </button>
    </div>
  ));
}
