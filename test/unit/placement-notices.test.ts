import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noticeKind, PlacementNotices } from '../../main/services/placements/placement-notices';
import type { PlacementNotice } from '../../shared/notices';
import type { Placement } from '../../shared/placement';
import { dataPaths } from '../../main/environment/data-paths';

const placement = (over: Partial<Placement>): Placement =>
  ({
    id: 7,
    profileId: 'sandbox',
    supplier: 'gcp',
    reference: 'PO-7',
    state: 'confirmed',
    outcome: 'tracking',
    ...over,
  }) as Placement;

describe('placement notices', () => {
  it('names the three situations an agent must act on, and nothing else', () => {
    expect(noticeKind(placement({ state: 'needs_ops', outcome: null }))).toBe('needs_ops');
    expect(noticeKind(placement({ outcome: 'refund_due' }))).toBe('refund_due');
    expect(noticeKind(placement({ state: 'mismatch' as Placement['state'], outcome: null }))).toBe(
      'mismatch',
    );
    for (const quiet of [
      placement({ state: 'journaled', outcome: null }),
      placement({ state: 'unknown', outcome: null }),
      placement({ state: 'rejected', outcome: null }),
      placement({ outcome: 'tracking' }),
      placement({ outcome: 'fulfilled' }),
    ])
      expect(noticeKind(quiet)).toBeNull();
  });

  it('raises each at most once per placement, even across restarts, and each opens the right screen', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-notices-'));
    const raised: PlacementNotice[] = [];
    const notices = new PlacementNotices(dataPaths(dir), (notice) => raised.push(notice));
    notices.onPlacement(placement({ state: 'needs_ops', outcome: null }));
    notices.onPlacement(placement({ state: 'needs_ops', outcome: null }));
    notices.onPlacement(placement({ id: 8, reference: 'PO-8', outcome: 'refund_due' }));
    notices.onPlacement(placement({ id: 9, reference: 'PO-9', state: 'mismatch' as Placement['state'] }));
    const restarted = new PlacementNotices(dataPaths(dir), (notice) => raised.push(notice));
    restarted.onPlacement(placement({ state: 'needs_ops', outcome: null }));
    restarted.onPlacement(placement({ id: 8, reference: 'PO-8', outcome: 'refund_due' }));
    expect(raised.map((n) => [n.kind, n.placementId, n.open])).toEqual([
      ['needs_ops', 7, { screen: 'lookup', lookup: 'PO-7' }],
      ['refund_due', 8, { screen: 'failures' }],
      ['mismatch', 9, { screen: 'lookup', lookup: 'PO-9' }],
    ]);
    expect(raised[0]).toMatchObject({
      title: 'Needs Ops: PO-7',
      body: expect.stringContaining('Do not refund or place it again'),
    });
    expect(raised[1]!.body).toContain('points are owed back');
    expect(raised[2]!.body).toContain('not confirmed and not refundable');
  });

  it('a placement in the same state in another profile is a different placement', () => {
    const raised: PlacementNotice[] = [];
    const notices = new PlacementNotices(
      dataPaths(mkdtempSync(path.join(os.tmpdir(), 'desk-notices-'))),
      (n) => raised.push(n),
    );
    notices.onPlacement(placement({ state: 'needs_ops', outcome: null }));
    notices.onPlacement(placement({ profileId: 'uat', state: 'needs_ops', outcome: null }));
    expect(raised.map((n) => n.profileId)).toEqual(['sandbox', 'uat']);
  });
});
