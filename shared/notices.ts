import type { Navigation } from './screens';
import type { Supplier } from './domain';

/** A placement turned into something an agent must act on; each is raised at most once per placement. */
export type NoticeKind = 'needs_ops' | 'refund_due' | 'mismatch';

export interface PlacementNotice {
  kind: NoticeKind;
  profileId: string;
  placementId: number;
  supplier: Supplier;
  reference: string;
  title: string;
  body: string;
  /** Where clicking it takes the agent. */
  open: Navigation;
}
