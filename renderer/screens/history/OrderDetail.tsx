import { useEffect, useState } from 'react';
import type { DeskError } from '../../../shared/errors';
import type { HistoryOrderDetail } from '../../../shared/history';
import { Fact } from '../../components/Fact';
import { OrderFacts, OrderItems } from '../../components/OrderFacts';
import { desk } from '../../desk';
import { formatMoney, formatWhen, STATE_LABELS } from '../../format';
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
    <section className="detail-panel" aria-labelledby="order-detail-heading">
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
          <OrderFacts
            supplier={order.supplier}
            reference={order.reference}
            supplierOrderId={order.supplierOrderId}
            memberId={order.memberId}
          >
            <Fact term="Status">
              <span className={`state state-${order.state}`}>{STATE_LABELS[order.state]}</span> (supplier says
              “{order.supplierStatus}”)
            </Fact>
            <Fact term="Created">{formatWhen(order.createdAt)}</Fact>
            <Fact term="Total (face value)">{formatMoney(order.total, order.currency)}</Fact>
            {order.depositCost !== null && (
              <Fact term="Deposit cost">{formatMoney(order.depositCost, order.currency)}</Fact>
            )}
            <Fact term="Cached">{formatWhen(order.syncedAt)}</Fact>
          </OrderFacts>
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
          <OrderItems supplier={order.supplier} items={order.items} recipients refundNote />
        </>
      )}
    </section>
  );
}
