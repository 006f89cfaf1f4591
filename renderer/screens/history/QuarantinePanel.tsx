import { formatDateTime } from '../../../shared/format';
import { useHistoryStore } from '../../state/history';
import { supplierName } from '../../format';
import { DataTable } from '../../components/DataTable';

/**
 * Orders the sync could not read (or could not cache: no reference), each with its id and the field at fault,
 * so the agent knows the cache is missing them and can quote them to the supplier. Nothing shows when none are.
 */
export function QuarantinePanel() {
  const quarantine = useHistoryStore((s) => s.quarantine);
  if (!quarantine || quarantine.total === 0) return null;
  const { orders, total } = quarantine;
  return (
    <details className="quarantine" open>
      <summary>
        <span className="banner banner-warning" role="status">
          ⚠ {total.toLocaleString()} supplier {total === 1 ? 'order' : 'orders'} could not be read and{' '}
          {total === 1 ? 'is' : 'are'} not in the cache
        </span>
      </summary>
      <p className="hint">
        The rest of each page was cached. Ask the supplier about these orders (quote the order id and field);
        the next sync caches an order as soon as it reads correctly.
      </p>
      <DataTable
        label="Orders that could not be read"
        columns={['Supplier', 'Order id', 'Field', 'Problem', 'Last seen']}
        className="quarantine-table"
      >
        {orders.map((o) => (
          <tr key={`${o.supplier}:${o.supplierOrderId ?? o.where}`}>
            <td>{supplierName(o.supplier)}</td>
            <td className="path">{o.supplierOrderId ?? `no id (${o.where})`}</td>
            <td className="path">{o.fieldPath || '(whole order)'}</td>
            <td>{o.problem}</td>
            <td>{formatDateTime(o.lastSeenAt)}</td>
          </tr>
        ))}
      </DataTable>
      {orders.length < total && (
        <p className="hint">
          Showing the {orders.length.toLocaleString()} most recent of {total.toLocaleString()}.
        </p>
      )}
    </details>
  );
}
