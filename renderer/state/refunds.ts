import { create } from 'zustand';
import type { DeskError } from '../../shared/errors';
import type { LedgerReply } from '../../shared/failures';
import type { LedgerFilter, RefundRecordInput } from '../../shared/refunds';
import { desk } from '../desk';

interface RefundsState {
  filter: LedgerFilter;
  reply: LedgerReply | null;
  exported: { file: string; rows: number } | null;
  error: DeskError | null;
  load(filter?: LedgerFilter): Promise<void>;
  /** Records a refund; answers the refusal (e.g. "already recorded by …") or null. */
  record(input: RefundRecordInput): Promise<DeskError | null>;
  reopen(key: string, reason: string): Promise<DeskError | null>;
  exportCsv(): Promise<void>;
}

export const useRefundsStore = create<RefundsState>((set, get) => ({
  filter: { status: 'owed' },
  reply: null,
  exported: null,
  error: null,
  load: async (filter = get().filter) => {
    set({ filter });
    const reply = await desk().refunds.ledger(filter);
    if (get().filter !== filter) return;
    set(reply.ok ? { reply: reply.value, error: null } : { error: reply.error });
  },
  record: async (input) => {
    const reply = await desk().refunds.record(input);
    if (!reply.ok) return reply.error;
    await get().load();
    return null;
  },
  reopen: async (key, reason) => {
    const reply = await desk().refunds.reopen({ key, reason });
    if (!reply.ok) return reply.error;
    await get().load();
    return null;
  },
  exportCsv: async () => {
    const reply = await desk().refunds.export(get().filter);
    set(reply.ok ? { exported: reply.value, error: null } : { error: reply.error });
  },
}));
