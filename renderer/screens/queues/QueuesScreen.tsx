import { itemValueText } from '../../../shared/orders';
import { useEffect, useRef, useState } from 'react';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { formatDuration } from '../../../shared/format';
import { QUEUES, QUEUE_LABELS, QUEUE_PAGE, QUEUE_PURPOSE, type QueueItem } from '../../../shared/queues';
import { refundText } from '../../../shared/points';
import { CopyId } from '../../components/CopyId';
import { RefundActions } from '../../components/RefundActions';
import { SearchForm } from '../../components/SearchForm';
import { formatWhen } from '../../format';
import { useNow } from '../../hooks';
import { openMember } from '../../navigation';
import { useQueuesStore } from '../../state/queues';
import { DataTable } from '../../components/DataTable';
import { LookupButton, ReferenceAndOrder } from '../../components/OpenLinks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Screen } from '../Screen';

/** The live work queues: most urgent first, each item oldest first, with what to do and where to do it. */
export function QueuesScreen() {
  const { summary, queue, text, reply, error, open, page } = useQueuesStore();
  const now = useNow();
  const [typed, setTyped] = useState(text);
  // Opening the screen shows the chosen queue; later changes come from the sidebar or the tabs.
  useEffect(() => {
    const state = useQueuesStore.getState();
    if (!state.reply) void state.open(state.queue, state.text);
  }, []);
  const count = useRef<HTMLParagraphElement>(null);
  // A search answered: the work continues on its result (the count, then the rows below it).
  const search = async () => {
    await open(queue, typed);
    count.current?.focus();
  };
  return (
    <Screen name="queues" title="Work queues">
      <p className="hint">
        Most urgent first. Counts come from the cache and the journal together: an order placed from this desk
        is counted at once; the history syncs in the background.
        {summary &&
          ` History as of ${Object.entries(summary.asOf)
            .map(
              ([s, at]) =>
                `${SUPPLIER_NAMES[s as keyof typeof SUPPLIER_NAMES]} ${at ? formatWhen(at) : 'never'}`,
            )
            .join(' · ')}.`}
      </p>
      <div className="queue-tabs" role="group" aria-label="Queues">
        {QUEUES.map((id) => (
          <button
            key={id}
            type="button"
            className="button"
            aria-pressed={queue === id}
            onClick={() => {
              setTyped('');
              void open(id);
            }}
          >
            {QUEUE_LABELS[id]}{' '}
            <span className="queue-count">{summary?.counts[id]?.toLocaleString() ?? '…'}</span>
          </button>
        ))}
      </div>
      <h2>{QUEUE_LABELS[queue]}</h2>
      <p>{QUEUE_PURPOSE[queue]}</p>
      <SearchForm
        name={`Find in ${QUEUE_LABELS[queue]}`}
        label="Reference, order id or member id"
        value={typed}
        onChange={setTyped}
        onSubmit={() => void search()}
        submitLabel="Find"
      />
      <ErrorBanner error={error} />
      {reply && reply.queue === queue && (
        <>
          <p role="status" aria-label="Queue count" ref={count} tabIndex={-1}>
            {reply.matching === 0
              ? reply.text
                ? `Nothing in ${QUEUE_LABELS[queue]} for “${reply.text}”.`
                : `${QUEUE_LABELS[queue]} is empty.`
              : `${reply.matching.toLocaleString()} ${reply.matching === 1 ? 'item' : 'items'}${reply.text ? ` for “${reply.text}”` : ''}, oldest first${reply.matching > reply.items.length ? `: ${reply.offset + 1}–${reply.offset + reply.items.length} shown` : ''}.`}
          </p>
          {reply.items.length > 0 && (
            <DataTable
              label={`${QUEUE_LABELS[queue]} items`}
              columns={['Waiting', 'Reference', 'Supplier', 'Member', 'Item', 'What', 'Open']}
              rowKeys
            >
              {reply.items.map((item, i) => (
                <QueueRow key={item.key} item={item} now={now} first={i === 0} />
              ))}
            </DataTable>
          )}
          <div className="dialog-actions">
            {reply.offset > 0 && (
              <button
                type="button"
                className="button"
                onClick={() => void page(Math.max(0, reply.offset - QUEUE_PAGE))}
              >
                Previous {QUEUE_PAGE}
              </button>
            )}
            {reply.offset + reply.items.length < reply.matching && (
              <button type="button" className="button" onClick={() => void page(reply.offset + QUEUE_PAGE)}>
                Next {QUEUE_PAGE}
              </button>
            )}
          </div>
        </>
      )}
    </Screen>
  );
}

function QueueRow({ item, now, first }: { item: QueueItem; now: number; first: boolean }) {
  return (
    <tr data-row tabIndex={first ? 0 : -1}>
      <td>
        {item.since ? formatDuration(now - Date.parse(item.since)) : '—'}
        <span className="hint"> since {formatWhen(item.since)}</span>
      </td>
      <td>
        <ReferenceAndOrder reference={item.reference} supplierOrderId={item.supplierOrderId} />
      </td>
      <td>{SUPPLIER_NAMES[item.supplier]}</td>
      <td>
        {item.memberId ? (
          <CopyId value={item.memberId} label="member id" />
        ) : (
          <span className="hint">unknown</span>
        )}
      </td>
      <td>
        {item.product ?? '—'}
        {item.value !== null && (
          <span className="hint">
            {' '}
            {itemValueText({ kind: item.kind, value: item.value, currency: item.currency })}
          </span>
        )}
      </td>
      <td>
        <span className="queue-state">{item.state}</span> {item.detail}
        {item.refund && <strong className="refund-note"> {refundText(item.refund)}</strong>}
        {item.queue === 'refund_owed' && item.failure && (
          <RefundActions row={item.failure} onChanged={() => void useQueuesStore.getState().loadSummary()} />
        )}
      </td>
      <td className="row-actions">
        <LookupButton reference={item.reference} />
        <button
          type="button"
          className="button button-small"
          aria-label={`Member view for ${item.reference}`}
          onClick={() => openMember(item.memberId ?? item.reference)}
        >
          Member
        </button>
      </td>
    </tr>
  );
}
