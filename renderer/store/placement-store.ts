import { create } from 'zustand';
import type { CatalogueItem } from '../../shared/catalogue';
import type { DeskError } from '../../shared/errors';
import type { Placement, PlacementDraft } from '../../shared/placement';
import type { Envelope } from '../../shared/envelope';
import { desk } from '../desk';

const KEEP = 50;

interface PlacementStoreState {
  /** Newest first, the active profile's only. */
  recent: Placement[];
  selectedId: number | null;
  /** A reference handed over from Lookup ("not found anywhere: place it again with the same reference"). */
  prefillReference: string | null;
  /** A card picked on the Catalogue screen ("Place order for this card"). */
  preselected: CatalogueItem | null;
  error: DeskError | null;
  load(): Promise<void>;
  select(id: number | null): void;
  prefill(reference: string | null): void;
  preselect(item: CatalogueItem | null): void;
  place(draft: PlacementDraft): Promise<Envelope<Placement>>;
  /** `placement.updated`: the journal moved; newer timelines replace older ones. */
  onUpdated(placement: Placement, activeProfileId: string | undefined): void;
}

export const usePlacementStore = create<PlacementStoreState>((set, get) => ({
  recent: [],
  selectedId: null,
  prefillReference: null,
  preselected: null,
  error: null,
  load: async () => {
    const reply = await desk().placements.recent();
    set(reply.ok ? { recent: reply.value, error: null } : { error: reply.error });
  },
  select: (selectedId) => set({ selectedId }),
  prefill: (prefillReference) => set({ prefillReference }),
  preselect: (preselected) => set({ preselected }),
  place: async (draft) => {
    const reply = await desk().placements.place(draft);
    if (reply.ok) {
      get().onUpdated(reply.value, reply.value.profileId);
      set({ selectedId: reply.value.id });
    }
    return reply;
  },
  onUpdated: (placement, activeProfileId) => {
    if (placement.profileId !== activeProfileId) return;
    const { recent } = get();
    const current = recent.find((p) => p.id === placement.id);
    // Events can overtake the reply that created the placement: never go back to a shorter timeline.
    if (current && current.timeline.length > placement.timeline.length) return;
    const rest = recent.filter((p) => p.id !== placement.id);
    const next = current
      ? recent.map((p) => (p.id === placement.id ? placement : p))
      : [placement, ...rest].sort((a, b) => b.id - a.id).slice(0, KEEP);
    set({ recent: next });
  },
}));
