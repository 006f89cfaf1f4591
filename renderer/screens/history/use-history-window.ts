import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryFilter, HistoryQuery, HistoryRow } from '../../../shared/history';
import type { DeskError } from '../../../shared/errors';
import { desk } from '../../desk';

export const PAGE_SIZE = 100;
/** Pages kept in memory; far-away pages are dropped and fetched again if the agent scrolls back. */
const MAX_PAGES = 40;

/**
 * The table's rows, fetched page by page through IPC as the visible window moves: a million cached orders
 * scroll without ever shipping them all to the renderer.
 */
export function useHistoryWindow(filter: HistoryFilter, sort: HistoryQuery['sort'], version: number) {
  const key = JSON.stringify({ filter, sort });
  const pages = useRef(new Map<number, HistoryRow[]>());
  const inflight = useRef(new Set<number>());
  const [count, setCount] = useState<{ total: number; capped: boolean } | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  /** What render reads: a copy of the loaded pages, replaced whenever one arrives or leaves. */
  const [snapshot, setSnapshot] = useState<ReadonlyMap<number, HistoryRow[]>>(() => new Map());
  const current = useRef(key);

  const fetchPage = useCallback(async (page: number, forKey: string) => {
    if (inflight.current.has(page)) return;
    inflight.current.add(page);
    const query = JSON.parse(forKey) as Pick<HistoryQuery, 'filter' | 'sort'>;
    const reply = await desk().history.query({ ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
    inflight.current.delete(page);
    if (forKey !== current.current) return;
    if (!reply.ok) return setError(reply.error);
    setError(null);
    pages.current.set(page, reply.value.rows);
    if (pages.current.size > MAX_PAGES) {
      const far = [...pages.current.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
      for (const p of far.slice(0, pages.current.size - MAX_PAGES)) pages.current.delete(p);
    }
    // A capped count is "at least": a deeper page raises it, and a refetched first page does not lower it.
    const { total, capped } = reply.value;
    setCount((before) => (capped && before && before.total > total ? before : { total, capped }));
    setSnapshot(new Map(pages.current));
  }, []);

  // A new filter or sort starts over; new data (a sync page) refreshes what is loaded, keeping the scroll.
  useEffect(() => {
    const fresh = current.current !== key;
    current.current = key;
    const loaded = fresh ? [0] : [...new Set([0, ...pages.current.keys()])];
    if (fresh) {
      pages.current.clear();
      setSnapshot(new Map());
      setCount(null);
    }
    inflight.current.clear();
    for (const page of loaded) void fetchPage(page, key);
  }, [key, version, fetchPage]);

  const ensure = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!pages.current.has(page)) void fetchPage(page, key);
      }
    },
    [fetchPage, key],
  );

  const rowAt = useCallback(
    (index: number): HistoryRow | undefined =>
      snapshot.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [snapshot],
  );

  return { total: count?.total ?? null, capped: count?.capped ?? false, error, ensure, rowAt };
}
