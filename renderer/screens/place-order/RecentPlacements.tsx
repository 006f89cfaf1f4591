import { SUPPLIER_NAMES } from '../../../shared/domain';
import type { Placement } from '../../../shared/placement';
import { formatWhen } from '../../format';
import { placementStatus } from './placement-status';
import { ListEntry } from '../../components/ListEntry';

interface RecentPlacementsProps {
  placements: Placement[];
  selectedId: number | null;
  onSelect(id: number): void;
}

/** This profile's latest placements, newest first; each opens its timeline. */
export function RecentPlacements({ placements, selectedId, onSelect }: RecentPlacementsProps) {
  return (
    <section className="recent-placements" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent placements</h2>
      {placements.length === 0 ? (
        <p className="hint">No orders placed from this desk on this profile yet.</p>
      ) : (
        <ul aria-label="Recent placements">
          {placements.map((p) => {
            const status = placementStatus(p);
            return (
              <ListEntry
                key={p.id}
                reference={p.reference}
                tone={status.tone}
                status={status.label}
                selected={p.id === selectedId}
                onSelect={() => onSelect(p.id)}
              >
                {SUPPLIER_NAMES[p.supplier]} · {p.agent} · {formatWhen(p.createdAt)}
              </ListEntry>
            );
          })}
        </ul>
      )}
    </section>
  );
}
