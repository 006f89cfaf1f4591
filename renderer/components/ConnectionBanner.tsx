import { useSyncExternalStore } from 'react';
import { formatDateTime } from '../../shared/format';
import { bridgeLink } from '../bridge/ws-desk';

/** After this many failed attempts the page says what else can be wrong: a restarted desk has a new address. */
const HINT_AFTER_ATTEMPTS = 5;

/**
 * The browser bridge's connection, shown the moment it is lost and until it is back. (In the desktop app the
 * link never drops: IPC is in-process, so this never shows there.)
 */
export function ConnectionBanner() {
  const link = useSyncExternalStore(bridgeLink.subscribe, bridgeLink.get);
  if (link.state !== 'lost' || link.lostAt === null) return null;
  return (
    <div className="banner banner-error" role="alert" aria-label="Connection to the desk lost">
      <span>
        <strong>Connection to the desk lost</strong> at {formatDateTime(new Date(link.lostAt).toISOString())}.
        Reconnecting{link.attempts > 0 ? ` (attempt ${link.attempts})` : ''}… Nothing can be sent until it is
        back; an action sent just before may still have happened, so check it once reconnected.
        {link.attempts >= HINT_AFTER_ATTEMPTS &&
          ' If the desk was restarted, open the new address it printed (its token changes on every start).'}
      </span>
    </div>
  );
}
