import { create } from 'zustand';
import type { DeskError } from '../../shared/errors';
import type { LookupReply, LookupResult } from '../../shared/lookup';
import type { Placement } from '../../shared/placement';
import { desk } from '../desk';

interface LookupState {
  query: string;
  /** The cache's answer first, then the merged live one. */
  reply: LookupReply | null;
  searchingLive: boolean;
  selectedKey: string | null;
  refreshing: boolean;
  error: DeskError | null;
  /** Bumped when a search's first answer arrives: the screen moves focus to the results. */
  arrived: number;
  search(query: string): Promise<void>;
  /** A note was added to a result's order: its notes, timeline and ticket are read again. */
  reloadResult(key: string): Promise<void>;
  select(key: string): void;
  refresh(result: LookupResult): Promise<void>;
  /** A placement shown here moved (an agent action, the runner): its result is read again from the journal. */
  onPlacementUpdated(placement: Placement): Promise<void>;
}

/** Lookups in flight are numbered so a slow live answer never replaces a newer search. */
let generation = 0;

/** Drops every answer still in flight (the profile changed: it would belong to the other one). */
export const abandonLookups = () => {
  generation++;
};

export const useLookupStore = create<LookupState>((set, get) => ({
  query: '',
  reply: null,
  searchingLive: false,
  selectedKey: null,
  refreshing: false,
  error: null,
  arrived: 0,
  search: async (query) => {
    const mine = ++generation;
    set({ query, reply: null, selectedKey: null, error: null, searchingLive: true });
    const local = await desk().lookup.search({ query, live: false });
    if (mine !== generation) return;
    if (!local.ok) return set({ error: local.error, searchingLive: false, arrived: get().arrived + 1 });
    set({ reply: local.value, selectedKey: local.value.results[0]?.key ?? null, arrived: get().arrived + 1 });
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
  reloadResult: async (key) => {
    const current = get().reply;
    if (!current) return;
    const mine = generation;
    const local = await desk().lookup.search({ query: current.query, live: false });
    if (mine !== generation || !local.ok) return;
    const fresh = local.value.results.find((r) => r.key === key);
    const latest = get().reply;
    if (!fresh || !latest || latest.query !== current.query) return;
    set({ reply: { ...latest, results: latest.results.map((r) => (r.key === key ? fresh : r)) } });
  },
  onPlacementUpdated: async (placement) => {
    const current = get().reply;
    if (!current?.results.some((r) => !r.archived && r.placement?.id === placement.id)) return;
    const mine = generation;
    const local = await desk().lookup.search({ query: current.query, live: false });
    if (mine !== generation || !local.ok) return;
    const fresh = local.value.results.find((r) => !r.archived && r.placement?.id === placement.id);
    const latest = get().reply;
    if (!fresh || !latest || latest.query !== current.query) return;
    const results = latest.results.map((r) => (!r.archived && r.placement?.id === placement.id ? fresh : r));
    const selectedKey = get().selectedKey;
    const moved = latest.results.find((r) => r.key === selectedKey)?.placement?.id === placement.id;
    set({ reply: { ...latest, results }, selectedKey: moved ? fresh.key : selectedKey });
  },
  refresh: async (result) => {
    const mine = generation;
    set({ refreshing: true, error: null });
    const reply = await desk().lookup.refresh({
      supplier: result.supplier,
      reference: result.reference,
      supplierOrderId: result.supplierOrderId ?? undefined,
    });
    if (mine !== generation) return;
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
