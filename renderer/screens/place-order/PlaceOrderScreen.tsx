import { useEffect, useRef, useState } from 'react';
import { SUPPLIER_NAMES, type Profile } from '../../../shared/domain';
import { isTransfer, type Placement, type TransferOrder } from '../../../shared/placement';
import { usePlacementStore } from '../../state/placement';
import { useShellStore } from '../../state/shell';
import { CataloguePicker } from './CataloguePicker';
import type { CatalogueItem } from './order-form';
import { OrderForm } from './OrderForm';
import { PlacementPanel } from './PlacementPanel';
import { isUnsettled, placementStatus } from './placement-status';
import { RecentPlacements } from './RecentPlacements';
import { TransferForm } from './TransferForm';
import { useRevisedItem } from './use-revised-item';
import { Screen } from '../Screen';
import { RadioGroup } from '../../components/Field';

/** Place an order by hand: pick the item, fill what the supplier needs, then watch the placement to its end. */
export function PlaceOrderScreen() {
  const profile = useShellStore((s) => s.info?.activeProfile ?? null);
  const { recent, selectedId, error, placed, carry, revising, load, select, prefillReference } =
    usePlacementStore();
  useEffect(() => {
    void load();
  }, [load, profile?.id]);
  const revisedItem = useRevisedItem(revising);

  const selected = recent.find((p) => p.id === selectedId) ?? null;
  const needsOps = recent.filter((p) => p.state === 'needs_ops');
  const carried = carry ? (recent.find((p) => p.id === carry.lastPlacementId) ?? null) : null;

  return (
    <Screen name="place-order" title="Place order">
      {needsOps.length > 0 && (
        <div className="banner banner-error" role="alert">
          <strong>
            {needsOps.length} {needsOps.length === 1 ? 'placement needs' : 'placements need'} Ops:
          </strong>{' '}
          the supplier never gave a definite answer. Do not place these again; open each and escalate:{' '}
          {needsOps.map((p) => (
            <button key={p.id} type="button" onClick={() => select(p.id)}>
              {p.reference}
            </button>
          ))}
        </div>
      )}
      {prefillReference && !placed && (
        <p className="banner banner-warning" role="status">
          Placing with reference {prefillReference} (not found anywhere by Lookup, copied from the client
          system): pick the item, and the reference is filled in.
        </p>
      )}
      {error && (
        <p className="banner banner-error" role="alert">
          Could not read the placement journal: {error.message}
        </p>
      )}
      <div className="place-layout">
        <div className="place-main">
          {revising && profile && isTransferPlacement(revising) ? (
            <TransferForm
              key={`revise:${revising.id}`}
              profile={profile}
              mode={{ kind: 'revise', placement: revising }}
            />
          ) : revising && profile ? (
            revisedItem.item ? (
              <OrderForm
                key={`revise:${revising.id}`}
                item={revisedItem.item}
                profile={profile}
                mode={{ kind: 'revise', placement: revising }}
              />
            ) : (
              <p className="hint" role="status">
                {revisedItem.error ?? 'Loading the card…'}
              </p>
            )
          ) : placed ? (
            <PlacedPanel />
          ) : (
            profile && <NewOrder profile={profile} carried={carried} />
          )}
        </div>
        <div className="place-side">
          {selected && profile && <PlacementPanel placement={selected} profile={profile} />}
          <RecentPlacements placements={recent} selectedId={selectedId} onSelect={select} />
        </div>
      </div>
    </Screen>
  );
}

/**
 * Picking a card and filling its form. Unmounted while a success is shown, so the next order starts with no
 * card, value or recipient (only the member, when the agent chose "Place another for this member").
 */
function NewOrder({ profile, carried }: { profile: Profile; carried: Placement | null }) {
  const carry = usePlacementStore((s) => s.carry);
  const orderKind = usePlacementStore((s) => s.orderKind);
  const setOrderKind = usePlacementStore((s) => s.setOrderKind);
  // A card or a programme sent from the Catalogue screen opens its form directly, once.
  const [item, setItem] = useState<CatalogueItem | null>(() => usePlacementStore.getState().preselected);
  const [programId] = useState(() => usePlacementStore.getState().preselectedProgram ?? undefined);
  useEffect(() => {
    usePlacementStore.getState().preselect(null);
    usePlacementStore.getState().preselectProgram(null);
  }, []);
  return (
    <>
      <RadioGroup
        legend="What to place"
        name="order-kind"
        className="order-kind"
        optionClassName="radio"
        options={ORDER_KINDS}
        value={orderKind}
        onChange={setOrderKind}
      />
      {orderKind === 'points_transfer' ? (
        <TransferForm
          key={`${profile.id}:transfer`}
          profile={profile}
          mode={{ kind: 'new', memberId: carry?.memberId, programId }}
        />
      ) : (
        <GiftCardOrder profile={profile} carried={carried} item={item} onSelect={setItem} />
      )}
    </>
  );
}

const ORDER_KINDS = [
  ['gift_card', 'Gift card'],
  ['points_transfer', 'Points transfer (Ascenda loyalty programme)'],
] as const;

function GiftCardOrder({
  profile,
  carried,
  item,
  onSelect,
}: {
  profile: Profile;
  carried: Placement | null;
  item: CatalogueItem | null;
  onSelect(item: CatalogueItem | null): void;
}) {
  const carry = usePlacementStore((s) => s.carry);
  return (
    <>
      {carry && (
        <p className="banner banner-info" role="status">
          Another order for member {carry.memberId}: pick the card.
          {carried && isUnsettled(carried) && (
            <>
              {' '}
              Placement #{carried.id} for this member is still {placementStatus(carried).label.toLowerCase()}:
              the desk will ask for a reason before placing another.
            </>
          )}
        </p>
      )}
      <CataloguePicker selected={item} onSelect={onSelect} />
      {item && (
        <OrderForm
          key={`${profile.id}:${item.supplier}:${item.id}`}
          item={item}
          profile={profile}
          mode={{ kind: 'new', memberId: carry?.memberId }}
        />
      )}
    </>
  );
}

/**
 * What replaces the form after a success: the form is cleared (member, card, value, recipient), so a second
 * click can never send the same order again. Another order for the member is its own, deliberate action, and
 * is not offered while this one is in flight or needs Ops.
 */
function PlacedPanel() {
  const { placed, startNext } = usePlacementStore();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  if (!placed) return null;
  const status = placementStatus(placed);
  const unsettled = isUnsettled(placed);
  return (
    <section className="placed-panel" aria-labelledby="placed-heading">
      <h2 id="placed-heading" ref={heading} tabIndex={-1}>
        Journaled: placement #{placed.id} · {placed.reference}
      </h2>
      <p>
        {SUPPLIER_NAMES[placed.supplier]} · member {placed.memberId ?? 'unknown'} ·{' '}
        <span className={`tone-status tone-${status.tone}`}>{status.label}</span>
      </p>
      <p className="hint">The form was cleared; its timeline is on the right.</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => startNext(false)}>
          Start a new order
        </button>
        {placed.memberId && (
          <button
            type="button"
            className="button button-primary"
            aria-disabled={unsettled}
            onClick={() => !unsettled && startNext(true)}
            aria-describedby={unsettled ? 'placed-wait' : undefined}
          >
            Place another for this member
          </button>
        )}
      </div>
      {unsettled && (
        <p className="hint" id="placed-wait">
          Another order for this member waits until placement #{placed.id} is settled (it is{' '}
          {status.label.toLowerCase()}).
        </p>
      )}
    </section>
  );
}

const isTransferPlacement = (p: Placement): p is Placement & { order: TransferOrder } => isTransfer(p.order);
