import { create } from 'zustand';
import type { CatalogueSnapshot } from '../../shared/catalogue';
import type { Supplier } from '../../shared/domain';
import type { DeskError } from '../../shared/errors';
import { desk } from '../desk';

interface CatalogueState {
  snapshot: CatalogueSnapshot | null;
  error: DeskError | null;
  load(): Promise<void>;
  refresh(supplier?: Supplier): Promise<void>;
}

export const useCatalogueStore = create<CatalogueState>((set) => ({
  snapshot: null,
  error: null,
  load: async () => {
    const reply = await desk().catalogue.snapshot();
    set(reply.ok ? { snapshot: reply.value, error: null } : { error: reply.error });
  },
  refresh: async (supplier) => {
    set((state) => ({
      snapshot: state.snapshot && {
        ...state.snapshot,
        freshness: Object.fromEntries(
          Object.entries(state.snapshot.freshness).map(([s, f]) => [
            s,
            !supplier || s === supplier ? { ...f, refreshing: true } : f,
          ]),
        ) as CatalogueSnapshot['freshness'],
      },
    }));
    const reply = await desk().catalogue.refresh({ supplier });
    set(reply.ok ? { snapshot: reply.value, error: null } : { error: reply.error });
  },
}));
