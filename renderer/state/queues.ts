import { create } from 'zustand';
import type { DeskError } from '../../shared/errors';
import type { QueueId, QueueReply, QueueSummary } from '../../shared/queues';
import { desk } from '../desk';

interface QueuesState {
  summary: QueueSummary | null;
  queue: QueueId;
  text: string;
  reply: QueueReply | null;
  error: DeskError | null;
  /** The counts in the sidebar: read at start and whenever main says a queue changed. */
  loadSummary(): Promise<void>;
  /** Opens a queue (first page), optionally only one reference, order id or member. */
  open(queue: QueueId, text?: string): Promise<void>;
  page(offset: number): Promise<void>;
}

/** Answers are numbered so a slow one never replaces a newer one. */
let generation = 0;

export const useQueuesStore = create<QueuesState>((set, get) => ({
  summary: null,
  queue: 'needs_ops',
  text: '',
  reply: null,
  error: null,
  loadSummary: async () => {
    const reply = await desk().queues.summary();
    set(reply.ok ? { summary: reply.value } : { error: reply.error });
    // The open queue follows the counts: an item that left (or joined) shows at once.
    if (get().reply) await get().page(get().reply!.offset);
  },
  open: async (queue, text = '') => {
    set({ queue, text, reply: null });
    await get().page(0);
  },
  page: async (offset) => {
    const mine = ++generation;
    const { queue, text } = get();
    const reply = await desk().queues.list({ queue, offset, ...(text.trim() ? { text: text.trim() } : {}) });
    if (mine !== generation) return;
    set(reply.ok ? { reply: reply.value, summary: reply.value, error: null } : { error: reply.error });
  },
}));
