import type { SupplierPort } from '../../main/providers/supplier-port';
import type { NewPlacement } from '../../main/store/protocol/api';
import type { Supplier } from '../../shared/domain';
import type { PlacementOrder } from '../../shared/placement';

/** What the placement service journals for an order (no points rate, no intent override): the runner's input. */
export const journalEntry = (
  profileId: string,
  order: PlacementOrder,
  agent: string,
): Omit<NewPlacement, 'at'> => ({
  profileId,
  supplier: order.supplier,
  reference: order.reference,
  order,
  memberId: order.memberId ?? null,
  agent,
  transactedAt: new Date().toISOString(),
  points: null,
  intentOverride: null,
});

/** The runner's supplier ports, from one client per supplier. */
export const portsOf =
  (ports: Record<Supplier, SupplierPort>) =>
  async (supplier: Supplier): Promise<SupplierPort> =>
    ports[supplier];
