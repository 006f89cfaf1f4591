import { create } from 'zustand';
import type { BulkBatch, BulkRow, BulkValidation } from '../../shared/bulk';
import type { Supplier } from '../../shared/domain';
import type { DeskError } from '../../shared/errors';
import { desk } from '../desk';

interface BulkState {
  supplier: Supplier;
  template: { file: string; csv: string } | null;
  validation: BulkValidation | null;
  batches: BulkBatch[];
  current: { batch: BulkBatch; rows: BulkRow[] } | null;
  exported: { file: string; rows: number } | null;
  error: DeskError | null;
  setSupplier(supplier: Supplier): void;
  loadTemplate(): Promise<void>;
  validate(fileName: string, csv: string): Promise<void>;
  load(): Promise<void>;
  open(batchId: number): Promise<void>;
  start(confirmation?: { count: number; totals: Record<string, number> }): Promise<DeskError | null>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  release(line: number, reason: string): Promise<string | null>;
  exportCsv(): Promise<void>;
  onProgress(batch: BulkBatch): void;
}

export const useBulkStore = create<BulkState>((set, get) => {
  const refresh = async () => {
    const current = get().current;
    if (current) await get().open(current.batch.id);
    const batches = await desk().bulk.batches();
    if (batches.ok) set({ batches: batches.value });
  };
  const act = async (
    call: () => Promise<{ ok: true; value: BulkBatch } | { ok: false; error: DeskError }>,
  ) => {
    const reply = await call();
    if (!reply.ok) {
      set({ error: reply.error });
      return reply.error;
    }
    set({ error: null });
    await refresh();
    return null;
  };
  return {
    supplier: 'ascenda',
    template: null,
    validation: null,
    batches: [],
    current: null,
    exported: null,
    error: null,
    setSupplier: (supplier) => set({ supplier, template: null, validation: null }),
    loadTemplate: async () => {
      const reply = await desk().bulk.template({ supplier: get().supplier });
      set(reply.ok ? { template: reply.value, error: null } : { error: reply.error });
    },
    validate: async (fileName, csv) => {
      const reply = await desk().bulk.validate({ supplier: get().supplier, fileName, csv });
      if (!reply.ok) return set({ error: reply.error, validation: null });
      set({ validation: reply.value, error: null });
      if (reply.value.batch) {
        await get().open(reply.value.batch.id);
        await refresh();
      }
    },
    load: async () => {
      const reply = await desk().bulk.batches();
      set(reply.ok ? { batches: reply.value, error: null } : { error: reply.error });
    },
    open: async (batchId) => {
      const reply = await desk().bulk.batch({ batchId });
      set(reply.ok ? { current: reply.value, error: null } : { error: reply.error });
    },
    start: async (confirmation) =>
      act(() =>
        desk().bulk.start({ batchId: get().current!.batch.id, ...(confirmation ? { confirmation } : {}) }),
      ),
    pause: async () => {
      await act(() => desk().bulk.pause({ batchId: get().current!.batch.id }));
    },
    resume: async () => {
      await act(() => desk().bulk.resume({ batchId: get().current!.batch.id }));
    },
    release: async (line, reason) => {
      const reply = await desk().bulk.release({ batchId: get().current!.batch.id, line, reason });
      if (!reply.ok) return reply.error.message;
      await refresh();
      return null;
    },
    exportCsv: async () => {
      const reply = await desk().bulk.export({ batchId: get().current!.batch.id });
      set(reply.ok ? { exported: reply.value, error: null } : { error: reply.error });
    },
    onProgress: (batch) => {
      const current = get().current;
      set({ batches: get().batches.map((b) => (b.id === batch.id ? batch : b)) });
      if (current?.batch.id === batch.id) void get().open(batch.id);
    },
  };
});
