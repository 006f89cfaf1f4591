import type { LookupResult, LookupSource } from '../../../shared/lookup';

const SOURCE_NAMES: Record<LookupSource, string> = {
  cache: 'cache',
  journal: 'desk journal',
  live: 'live from supplier',
};

/** "cached 3 h ago", "live just now": where a result came from and how fresh it is. */
export function freshness(result: LookupResult, now = Date.now()): string {
  return result.sources.map((s) => `${SOURCE_NAMES[s.source]} ${ago(s.asOf, now)}`).join(' · ');
}

export function ago(iso: string, now = Date.now()): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  return `${Math.floor(ms / 86_400_000)} days ago`;
}
