import type { Supplier } from './domain';

/** Something that must be finished before a profile may be deleted: its journal is never erased. */
export interface DeletionBlocker {
  kind: 'placement' | 'refund';
  supplier: Supplier;
  reference: string;
  placementId: number | null;
  /** In words: "needs ops", "being tracked", "failed, refund owed, not recorded". */
  state: string;
}

export interface DeletionCheck {
  profileId: string;
  builtIn: boolean;
  blockers: DeletionBlocker[];
}
