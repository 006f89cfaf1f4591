import { create } from 'zustand';
import type { DeskError } from '../../shared/errors';
import type { MemberView } from '../../shared/member';
import { desk } from '../desk';

interface MemberState {
  query: string;
  view: MemberView | null;
  loading: boolean;
  error: DeskError | null;
  /** Bumped when a view arrives: the screen moves focus to it. */
  arrived: number;
  open(query: string): Promise<void>;
  reload(): Promise<void>;
}

let generation = 0;

export const useMemberStore = create<MemberState>((set, get) => ({
  query: '',
  view: null,
  loading: false,
  error: null,
  arrived: 0,
  open: async (query) => {
    const mine = ++generation;
    set({ query, loading: true, error: null });
    const reply = await desk().members.view({ query });
    if (mine !== generation) return;
    set(
      reply.ok
        ? { view: reply.value, loading: false, arrived: get().arrived + 1 }
        : { error: reply.error, loading: false, view: null },
    );
  },
  reload: async () => {
    if (get().query) await get().open(get().query);
  },
}));
