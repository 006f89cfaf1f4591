import { describeItem } from '../../../shared/orders';
import { useEffect, useState } from 'react';
import type { DeskError } from '../../../shared/errors';
import type { HistoryOrderDetail } from '../../../shared/history';
import { CopyId } from '../../components/CopyId';
import { ItemErrors } from '../../components/ItemErrors';
import { desk } from '../../desk';
import { formatMoney, formatWhen, STATE_LABELS, supplierName } from '../../format';
import { openLookup, openMember } from '../../navigation';

/** One cached order: its items, their errors in plain words, and what the member is owed. */
export function OrderDetail({ id, onClose }: { id: number; onClose(): void }) {
  const [order, setOrder] = useState<HistoryOrderDetail | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  useEffect(() => {
    let live = true;
    void desk()
      .history.order({ id })
      .then((reply) => {
        if (!live) return;
        if (reply.ok) {
          setOrder(reply.value);
          setError(null);
        } else setError(reply.error);
      });
    return () => {
      live = false;
    };
  }, [id]);

  return (
    <section className="order-detail" aria-labelledby="order-detail-heading">
      <header className="detail-header">
        <h2 id="order-detail-heading">{order ? `Order ${order.reference}` : 'Order'}</h2>
        <button type="button" className="button" onClick={onClose}>
          Close order
        </button>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {order && (
        <>
          <dl className="facts">
            <div>
              <dt>Supplier</dt>
              <dd>{supplierName(order.supplier)}</dd>
            </div>
            <div>
              <dt>Supplier order id</dt>
              <dd>
                <CopyId value={order.supplierOrderId} label="supplier order id" />
              </dd>
            </div>
            <div>
              <dt>Reference</dt>
              <dd>
                <CopyId value={order.reference} label="reference" />
              </dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                <span className={`state state-${order.state}`}>{STATE_LABELS[order.state]}</span> (supplier
                says “{order.supplierStatus}”)
              </dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatWhen(order.createdAt)}</dd>
            </div>
            {order.memberId && (
              <div>
                <dt>Member id</dt>
                <dd>
                  <CopyId value={order.memberId} label="member id" />
                </dd>
              </div>
            )}
            <div>
              <dt>Total (face value)</dt>
              <dd>{formatMoney(order.total, order.currency)}</dd>
            </div>
            {order.depositCost !== null && (
              <div>
                <dt>Deposit cost</dt>
                <dd>{formatMoney(order.depositCost, order.currency)}</dd>
              </div>
            )}
            <div>
              <dt>Cached</dt>
              <dd>{formatWhen(order.syncedAt)}</dd>
            </div>
          </dl>
          <div className="detail-actions">
            <button type="button" className="button" onClick={() => openLookup(order.reference)}>
              Open in Lookup
            </button>
            <button
              type="button"
              className="button"
              onClick={() => openMember(order.memberId ?? order.reference)}
            >
              Member view
            </button>
          </div>
          <h3>Items</h3>
          <ul className="order-items" aria-label="Items">
            {order.items.map((item) => (
              <li key={item.id}>
                <p>
                  <strong>{describeItem(item)}</strong> ·{' '}
                  <span className={`state state-${item.state}`}>{STATE_LABELS[item.state]}</span>
                </p>
                {item.recipient && (
                  <p className="hint">
                    To{' '}
                    {[item.recipient.name, item.recipient.email, item.recipient.phone]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                )}
                {(item.state === 'failed' || item.state === 'cancelled') && (
                  <p className="refund-note">The member is owed a refund of the points for this item.</p>
                )}
                <ItemErrors supplier={order.supplier} errors={item.errors} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
