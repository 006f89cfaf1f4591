import type { CatalogueFreshness } from '../../../shared/catalogue';
import { ago } from '../lookup/lookup-format';

/** How fresh a cached list is (when fetched, stale, refreshing, the last failure) and its Refresh button. */
export function FreshnessNote({
  name,
  freshness: f,
  refreshLabel,
  onRefresh,
}: {
  name: string;
  freshness: CatalogueFreshness | undefined;
  /** The button's accessible name: which list it refreshes. */
  refreshLabel: string;
  onRefresh(): void;
}) {
  return (
    <>
      <strong>{name}</strong>:{' '}
      {!f ? 'loading…' : f.fetchedAt ? `fetched ${ago(f.fetchedAt)}` : 'never fetched'}
      {f?.stale && f.fetchedAt && ' (stale: refetching)'}
      {f?.refreshing && ' · refreshing…'}
      {f?.error && <span className="form-error"> · last refresh failed: {f.error}</span>}{' '}
      <button
        type="button"
        className="button"
        disabled={f?.refreshing}
        onClick={onRefresh}
        aria-label={refreshLabel}
      >
        Refresh
      </button>
    </>
  );
}
