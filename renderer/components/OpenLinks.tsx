import { openLookup, openMember } from '../navigation';
import { CopyId } from './CopyId';

/** "Lookup" beside a reference: opens that order in Lookup. */
export function LookupButton({ reference }: { reference: string }) {
  return (
    <button
      type="button"
      className="button button-small"
      aria-label={`Open ${reference} in Lookup`}
      onClick={() => openLookup(reference)}
    >
      Lookup
    </button>
  );
}

/** A member id that opens the Member view; "unknown" where the order does not say. */
export function MemberLink({ memberId }: { memberId: string | null }) {
  if (!memberId) return <span className="hint">unknown</span>;
  return (
    <button
      type="button"
      className="link-button"
      aria-label={`Member view for ${memberId}`}
      onClick={() => openMember(memberId)}
    >
      {memberId}
    </button>
  );
}

/** A reference and, where known, the supplier's order id for it, each copyable. */
export function ReferenceAndOrder({
  reference,
  supplierOrderId,
}: {
  reference: string | null;
  supplierOrderId: string | null;
}) {
  return (
    <>
      <CopyId value={reference} label="reference" />
      {supplierOrderId && (
        <span className="hint">
          {' '}
          order <CopyId value={supplierOrderId} label="supplier order id" />
        </span>
      )}
    </>
  );
}
