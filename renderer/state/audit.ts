import { create } from 'zustand';
import type { AuditEntry, AuditFilter, AuditPage } from '../../shared/audit';
import type { DeskError } from '../../shared/errors';
import { desk } from '../desk';

const PAGE = 100;

interface AuditState {
  filter: AuditFilter;
  entries: AuditEntry[];
  page: AuditPage | null;
  exported: { file: string; rows: number } | null;
  error: DeskError | null;
  load(filter?: AuditFilter): Promise<void>;
  more(): Promise<void>;
  exportCsv(): Promise<void>;
}

export const useAuditStore = create<AuditState>((set, get) => ({
  filter: {},
  entries: [],
  page: null,
  exported: null,
  error: null,
  load: async (filter = get().filter) => {
    set({ filter });
    const reply = await desk().audit.query({ filter, offset: 0, limit: PAGE });
    if (get().filter !== filter) return;
    set(reply.ok ? { page: reply.value, entries: reply.value.entries, error: null } : { error: reply.error });
  },
  more: async () => {
    const { filter, entries } = get();
    const reply = await desk().audit.query({ filter, offset: entries.length, limit: PAGE });
    if (get().filter !== filter) return;
    set(
      reply.ok
        ? { page: reply.value, entries: [...entries, ...reply.value.entries], error: null }
        : { error: reply.error },
    );
  },
  exportCsv: async () => {
    const reply = await desk().audit.export({ filter: get().filter });
    set(reply.ok ? { exported: reply.value, error: null } : { error: reply.error });
  },
}));
