import { useEffect, useState } from 'react';
import { usePlacementStore } from '../../store/placement-store';
import { useShellStore } from '../../store/shell-store';
import { CataloguePicker } from './CataloguePicker';
import type { CatalogueItem } from './order-form';
import { OrderForm } from './OrderForm';
import { PlacementPanel } from './PlacementPanel';
import { RecentPlacements } from './RecentPlacements';

/** Place an order by hand: pick the item, fill what the supplier needs, then watch the placement to its end. */
export function PlaceOrderScreen() {
  const profile = useShellStore((s) => s.info?.activeProfile ?? null);
  const { recent, selectedId, error, load, select, prefillReference } = usePlacementStore();
  // A card sent from the Catalogue screen opens the form directly, once.
  const [item, setItem] = useState<CatalogueItem | null>(() => usePlacementStore.getState().preselected);
  useEffect(() => usePlacementStore.getState().preselect(null), []);
  useEffect(() => {
    void load();
  }, [load, profile?.id]);

  const selected = recent.find((p) => p.id === selectedId) ?? null;
  const needsOps = recent.filter((p) => p.state === 'needs_ops');

  return (
    <section className="screen place-order" aria-labelledby="screen-heading">
      <h1 id="screen-heading" tabIndex={-1}>
        Place order
      </h1>
      {needsOps.length > 0 && (
        <div className="banner banner-error" role="alert">
          <strong>
            {needsOps.length} {needsOps.length === 1 ? 'placement needs' : 'placements need'} Ops:
          </strong>{' '}
          the supplier never gave a definite answer. Open each and escalate:{' '}
          {needsOps.map((p) => (
            <button key={p.id} type="button" onClick={() => select(p.id)}>
              {p.reference}
            </button>
          ))}
        </div>
      )}
      {prefillReference && (
        <p className="banner banner-warning" role="status">
          Placing again with reference {prefillReference} (not found anywhere by Lookup): pick the item, and
          the reference is filled in.
        </p>
      )}
      {error && (
        <p className="banner banner-error" role="alert">
          Could not read the placement journal: {error.message}
        </p>
      )}
      <div className="place-layout">
        <div className="place-main">
          <CataloguePicker selected={item} onSelect={setItem} />
          {item && profile && (
            <OrderForm key={`${profile.id}:${item.supplier}:${item.id}`} item={item} profile={profile} />
          )}
        </div>
        <div className="place-side">
          {selected && profile && <PlacementPanel placement={selected} cpp={profile.cpp} />}
          <RecentPlacements placements={recent} selectedId={selectedId} onSelect={select} />
        </div>
      </div>
    </section>
  );
}
