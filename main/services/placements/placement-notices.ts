import { z } from 'zod';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import type { NoticeKind, PlacementNotice } from '../../../shared/notices';
import type { Placement } from '../../../shared/placement';
import { SettingsFile } from '../settings-file';
import type { DataPaths } from '../../environment/data-paths';

/** Which notice a placement calls for now, if any. A mismatch or Ops case outranks a refund: neither is refundable. */
export function noticeKind(placement: Pick<Placement, 'state' | 'outcome'>): NoticeKind | null {
  // `mismatch` joins PLACEMENT_STATES with the money-safe outcomes; compared as text until then.
  if ((placement.state as string) === 'mismatch') return 'mismatch';
  if (placement.state === 'needs_ops') return 'needs_ops';
  if (placement.state === 'confirmed' && placement.outcome === 'refund_due') return 'refund_due';
  return null;
}

/** The words and the destination of a notice: each says what not to do as well as where to look. */
export function describeNotice(kind: NoticeKind, placement: Placement): PlacementNotice {
  const supplier = SUPPLIER_NAMES[placement.supplier];
  const base = {
    kind,
    profileId: placement.profileId,
    placementId: placement.id,
    supplier: placement.supplier,
    reference: placement.reference,
  };
  switch (kind) {
    case 'needs_ops':
      return {
        ...base,
        title: `Needs Ops: ${placement.reference}`,
        body: `${supplier} gave no definite answer after the resends. Do not refund or place it again; Lookup shows what to ask the supplier.`,
        open: { screen: 'lookup', lookup: placement.reference },
      };
    case 'mismatch':
      return {
        ...base,
        title: `Mismatch: ${placement.reference}`,
        body: `${supplier}'s order does not match what the desk sent. It is not confirmed and not refundable until resolved; Lookup shows the difference.`,
        open: { screen: 'lookup', lookup: placement.reference },
      };
    case 'refund_due':
      return {
        ...base,
        title: `Refund due: ${placement.reference}`,
        body: `${supplier} did not fulfil this order (failed or cancelled): the member's points are owed back. Failures shows how many.`,
        open: { screen: 'failures' },
      };
  }
}

const fileSchema = z.object({ version: z.literal(1), shown: z.array(z.string().max(300)) });
/** Notices remembered at most; the oldest are forgotten first (their placements settled long ago). */
const MAX_REMEMBERED = 10_000;

/**
 * Raises each kind of notice at most once per placement, across restarts: which were raised is written to
 * `notices.json` before the notice goes out, so a crash in between loses a notice rather than repeating one.
 */
export class PlacementNotices {
  private readonly store: SettingsFile<z.infer<typeof fileSchema>>;

  constructor(
    paths: DataPaths,
    private readonly raise: (notice: PlacementNotice) => void,
  ) {
    this.store = new SettingsFile(paths.notices, fileSchema, () => ({
      version: 1 as const,
      shown: [],
    }));
  }

  get warning(): string | null {
    return this.store.warning;
  }

  onPlacement(placement: Placement): PlacementNotice | null {
    const kind = noticeKind(placement);
    if (!kind) return null;
    const key = `${placement.profileId}:${placement.id}:${kind}`;
    if (this.store.value.shown.includes(key)) return null;
    this.store.update((file) => ({ version: 1, shown: [...file.shown, key].slice(-MAX_REMEMBERED) }));
    const notice = describeNotice(kind, placement);
    this.raise(notice);
    return notice;
  }
}
