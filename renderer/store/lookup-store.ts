import { create } from 'zustand';
import type { DeskError } from '../../shared/errors';
import type { LookupReply, LookupResult } from '../../shared/lookup';
import { desk } from '../desk';

interface LookupState {
  query: string;
  /** The cache's answer first, then the merged live one. */
  reply: LookupReply | null;
  searchingLive: boolean;
  selectedKey: string | null;
  refreshing: boolean;
  error: DeskError | null;
  search(query: string): Promise<void>;
  select(key: string): void;
  refresh(result: LookupResult): Promise<void>;
}

/** Lookups in flight are numbered so a slow live answer never replaces a newer search. */
let generation = 0;

export const useLookupStore = create<LookupState>((set, get) => ({
  query: '',
  reply: null,
  searchingLive: false,
  selectedKey: null,
  refreshing: false,
  error: null,
  search: async (query) => {
    const mine = ++generation;
    set({ query, reply: null, selectedKey: null, error: null, searchingLive: true });
    const local = await desk().lookup.search({ query, live: false });
    if (mine !== generation) return;
    if (!local.ok) return set({ error: local.error, searchingLive: false });
    set({ reply: local.value, selectedKey: local.value.results[0]?.key ?? null });
    const live = await desk().lookup.search({ query, live: true });
    if (mine !== generation) return;
    if (!live.ok) return set({ error: live.error, searchingLive: false });
    const keep = get().selectedKey;
    const still = live.value.results.some((r) => r.key === keep);
    set({
      reply: live.value,
      searchingLive: false,
      selectedKey: still ? keep : (live.value.results[0]?.key ?? null),
    });
  },
  select: (selectedKey) => set({ selectedKey }),
  refresh: async (result) => {
    set({ refreshing: true, error: null });
    const reply = await desk().lookup.refresh({
      supplier: result.supplier,
      reference: result.reference,
      supplierOrderId: result.supplierOrderId ?? undefined,
    });
    set({ refreshing: false });
    if (!reply.ok) return set({ error: reply.error });
    const current = get().reply;
    if (!current) return;
    const results = current.results.some((r) => r.key === reply.value.key)
      ? current.results.map((r) => (r.key === result.key || r.key === reply.value.key ? reply.value : r))
      : current.results.map((r) => (r.key === result.key ? reply.value : r));
    set({ reply: { ...current, results }, selectedKey: reply.value.key });
  },
}));
