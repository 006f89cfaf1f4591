import { useEffect, useState } from 'react';
import { SUPPLIER_NAMES } from '../../shared/domain';
import { formatDuration } from '../../shared/format';
import type { DeskHealth } from '../../shared/health';
import { desk } from '../desk';

/**
 * What is wrong with the machine under the desk, in words: a read-only or damaged cache, a full disk, a supplier
 * whose clock disagrees with this computer's. Asks main for the full cache check once the first screen is up.
 */
export function HealthBanners({ profileId }: { profileId: string }) {
  const [health, setHealth] = useState<DeskHealth | null>(null);
  useEffect(() => {
    const api = desk();
    let live = true;
    const off = api.on('health.changed', (next) => {
      if (next.profileId === profileId) setHealth(next);
    });
    // After the first paint: the check reads every page of the cache, so it must never delay the first screen.
    const frame = requestAnimationFrame(() =>
      setTimeout(() => {
        void api.health.verify().then((reply) => live && reply.ok && setHealth(reply.value));
      }, 0),
    );
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      off();
    };
  }, [profileId]);
  if (!health || health.profileId !== profileId) return null;
  const { cache, clockSkew, exportFolder } = health;
  return (
    <>
      {cache.state !== 'ok' && cache.message && (
        <div className="banner banner-error" role="alert" aria-label={BANNER_NAMES[cache.state]}>
          <span>
            {cache.message}
            {cache.state === 'read_only' && ` Exports are written to ${exportFolder}.`}
          </span>
        </div>
      )}
      {clockSkew.map((skew) => (
        <p key={skew.supplier} className="banner banner-warning" role="alert" aria-label="Clock skew">
          Clock skew: {SUPPLIER_NAMES[skew.supplier]} runs {formatDuration(Math.abs(skew.skewMs))}{' '}
          {skew.skewMs > 0 ? 'ahead of' : 'behind'} this computer’s clock. Times and ages the desk shows may
          be off by that much; check this computer’s date and time settings.
        </p>
      ))}
    </>
  );
}

const BANNER_NAMES: Record<DeskHealth['cache']['state'], string> = {
  ok: 'Cache',
  read_only: 'Read-only data folder',
  corrupt: 'Damaged cache',
  disk_full: 'Disk full',
};
