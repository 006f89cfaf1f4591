import { create } from 'zustand';
import type { CatalogueItem } from '../../shared/catalogue';
import type { DeskError } from '../../shared/errors';
import type { Envelope } from '../../shared/envelope';
import type { Placement, PlacementDraft } from '../../shared/placement';
import { desk } from '../desk';

const KEEP = 50;

/** What the form carries into "Place another for this member": the member, never the card or the value. */
export interface MemberCarry {
  supplier: Placement['supplier'];
  memberId: string;
  /** The placement just made: another cannot be placed while it is in flight or needs Ops. */
  lastPlacementId: number;
}

interface PlacementStoreState {
  /** Newest first, the active profile's only. */
  recent: Placement[];
  selectedId: number | null;
  /** A reference handed over from Lookup ("not found anywhere: place it with the same reference"). */
  prefillReference: string | null;
  /** A card picked on the Catalogue screen ("Place order for this card"). */
  preselected: CatalogueItem | null;
  /** What the new order is: a gift card, or a transfer of points to a loyalty programme. */
  orderKind: 'gift_card' | 'points_transfer';
  /** A programme picked on the Catalogue screen ("Transfer points"). */
  preselectedProgram: string | null;
  /** After a success: the placement made, so the screen offers "Place another for this member" instead of the form. */
  placed: Placement | null;
  /** Set by "Place another for this member": the next form starts with this member. */
  carry: MemberCarry | null;
  /** A refused placement being corrected under the same reference. */
  revising: Placement | null;
  error: DeskError | null;
  load(): Promise<void>;
  select(id: number | null): void;
  prefill(reference: string | null): void;
  preselect(item: CatalogueItem | null): void;
  setOrderKind(kind: 'gift_card' | 'points_transfer'): void;
  /** Opens the transfer form for this programme (from the Catalogue). */
  preselectProgram(programId: string | null): void;
  place(draft: PlacementDraft): Promise<Envelope<Placement>>;
  /** Leaves the success panel: for the same member (carry) or a new order. */
  startNext(sameMember: boolean): void;
  retry(id: number, reason?: string): Promise<Envelope<Placement>>;
  startRevising(placement: Placement | null): void;
  revise(id: number, order: PlacementDraft['order'], reason: string): Promise<Envelope<Placement>>;
  resolve(id: number, verdict: 'ours' | 'not_ours', reason: string): Promise<Envelope<Placement>>;
  /** `placements.updated`: the journal moved; newer timelines replace older ones. */
  onUpdated(placement: Placement, activeProfileId: string | undefined): void;
  /** Another profile became active: nothing of this one may stay on screen. */
  reset(): void;
}

const EMPTY = {
  recent: [],
  selectedId: null,
  prefillReference: null,
  preselected: null,
  orderKind: 'gift_card' as const,
  preselectedProgram: null,
  placed: null,
  carry: null,
  revising: null,
  error: null,
};

export const usePlacementStore = create<PlacementStoreState>((set, get) => {
  /** Keeps the reply's placement, selected, so the agent sees where it stands. */
  const adopt = (reply: Envelope<Placement>) => {
    if (reply.ok) {
      get().onUpdated(reply.value, reply.value.profileId);
      set({ selectedId: reply.value.id });
    }
    return reply;
  };
  return {
    ...EMPTY,
    load: async () => {
      const reply = await desk().placements.recent();
      set(reply.ok ? { recent: reply.value, error: null } : { error: reply.error });
    },
    select: (selectedId) => set({ selectedId }),
    prefill: (prefillReference) => set({ prefillReference }),
    preselect: (preselected) => set(preselected ? { preselected, orderKind: 'gift_card' } : { preselected }),
    setOrderKind: (orderKind) => set({ orderKind }),
    preselectProgram: (preselectedProgram) =>
      set(preselectedProgram ? { preselectedProgram, orderKind: 'points_transfer' } : { preselectedProgram }),
    place: async (draft) => {
      const reply = adopt(await desk().placements.place(draft));
      if (reply.ok)
        set({
          placed: reply.value,
          carry: null,
          prefillReference: null,
          preselected: null,
          preselectedProgram: null,
        });
      return reply;
    },
    startNext: (sameMember) => {
      const { placed } = get();
      set({
        placed: null,
        carry:
          sameMember && placed?.memberId
            ? { supplier: placed.supplier, memberId: placed.memberId, lastPlacementId: placed.id }
            : null,
      });
    },
    retry: async (id, reason) => adopt(await desk().placements.retry({ id, reason })),
    startRevising: (revising) => set({ revising }),
    revise: async (id, order, reason) => {
      const reply = adopt(await desk().placements.revise({ id, order, reason }));
      if (reply.ok) set({ revising: null });
      return reply;
    },
    resolve: async (id, verdict, reason) => adopt(await desk().placements.resolve({ id, verdict, reason })),
    onUpdated: (placement, activeProfileId) => {
      if (placement.profileId !== activeProfileId) return;
      const { recent, placed } = get();
      const current = recent.find((p) => p.id === placement.id);
      // Events can overtake the reply that created the placement: never go back to a shorter timeline.
      if (current && current.timeline.length > placement.timeline.length) return;
      const rest = recent.filter((p) => p.id !== placement.id);
      const next = current
        ? recent.map((p) => (p.id === placement.id ? placement : p))
        : [placement, ...rest].sort((a, b) => b.id - a.id).slice(0, KEEP);
      set({ recent: next, placed: placed?.id === placement.id ? placement : placed });
    },
    reset: () => set(EMPTY),
  };
});
