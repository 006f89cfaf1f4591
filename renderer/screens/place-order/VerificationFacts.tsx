import { SUPPLIER_NAMES } from '../../../shared/domain';
import type { Placement } from '../../../shared/placement';

const FIELD_NAMES: Record<string, string> = {
  reference: 'Reference',
  product: 'Card / product',
  value: 'Face value',
  currency: 'Currency',
  quantity: 'Quantity',
  member: 'Member',
  lines: 'Items',
};

/** What the supplier handed back next to what was journaled: the facts that differ, and those it left out. */
export function VerificationFacts({ placement }: { placement: Placement }) {
  const candidate = placement.candidate;
  if (!candidate) return null;
  const { verification, order } = candidate;
  return (
    <div className="verification" aria-label="What the supplier handed back">
      <p>
        <strong>
          {SUPPLIER_NAMES[placement.supplier]} handed back order {order.id}
          {order.reference !== null && order.reference !== placement.reference
            ? ` (reference ${order.reference})`
            : ''}
          ,{' '}
          {verification.verdict === 'mismatch'
            ? 'which differs from what was journaled'
            : 'which cannot be checked'}
          .
        </strong>{' '}
        Not confirmed, never refunded, never placed again until it is settled.
      </p>
      {verification.differences.length > 0 && (
        <table className="facts-table">
          <caption className="visually-hidden">Differences</caption>
          <thead>
            <tr>
              <th scope="col">Fact</th>
              <th scope="col">Journaled</th>
              <th scope="col">Returned</th>
            </tr>
          </thead>
          <tbody>
            {verification.differences.map((d, i) => (
              <tr key={`${d.field}:${i}`}>
                <th scope="row">{FIELD_NAMES[d.field] ?? d.field}</th>
                <td className="path">{d.expected}</td>
                <td className="path">{d.actual}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {verification.missing.length > 0 && (
        <p>Not returned: {verification.missing.map((m) => FIELD_NAMES[m] ?? m).join(', ')}.</p>
      )}
    </div>
  );
}
