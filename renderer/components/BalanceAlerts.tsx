import type { ScreenId } from '../screens/screen-list';
import { bannerAlerts, useBalanceStore } from '../state/balance';

/**
 * Balance alerts still in force, on every screen: each goes away by itself once the balance recovers (main clears
 * it), or from this window when dismissed. On the Balance screen the screen's own actions are right below.
 */
export function BalanceAlerts({ screen, onOpen }: { screen: ScreenId; onOpen(): void }) {
  const { status, hidden, dismiss } = useBalanceStore();
  const alerts = bannerAlerts({ status, hidden });
  return alerts.map((alert) => (
    <div key={alert.id} className="banner banner-error" role="alert">
      <span>
        <strong>{alert.title}.</strong> {alert.body}
      </span>
      {screen !== 'balance' && (
        <button type="button" onClick={onOpen}>
          Open Balance
        </button>
      )}
      <button type="button" onClick={() => dismiss(alert)} aria-label={`Dismiss: ${alert.title}`}>
        Dismiss
      </button>
    </div>
  ));
}
