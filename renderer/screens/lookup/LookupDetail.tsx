import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { ticketSummary, type LookupResult } from '../../../shared/lookup';
import { Fact } from '../../components/Fact';
import { OrderFacts, OrderItems } from '../../components/OrderFacts';
import { Timeline } from '../../components/Timeline';
import { desk } from '../../desk';
import { formatWhen } from '../../format';
import { openMember } from '../../navigation';
import { useLookupStore } from '../../state/lookup';
import { PlacementActions } from '../place-order/PlacementActions';
import { VerificationFacts } from '../place-order/VerificationFacts';
import { freshness } from './lookup-format';

/** One order: what to do first, then its items with the supplier's words and ours, then its timeline. */
export function LookupDetail({ result }: { result: LookupResult }) {
  const { refresh, refreshing } = useLookupStore();
  const [ticket, setTicket] = useState<string | null>(null);
  const { recommendation, order } = result;
  const copyTicket = async () => {
    const text = ticketSummary(result);
    setTicket(text);
    // The clipboard may be refused (no user gesture, browser policy); the text stays on screen to copy by hand.
    await navigator.clipboard?.writeText(text).catch(() => undefined);
  };
  return (
    <section className="lookup-detail" aria-labelledby="lookup-detail-heading">
      <h2 id="lookup-detail-heading">
        {SUPPLIER_NAMES[result.supplier]} · {result.reference}
      </h2>
      <p className="hint">{freshness(result)}</p>
      {result.archived && (
        <p className="banner banner-info" role="note">
          From the archived journal of the deleted profile “{result.archived.profileName}” (archived{' '}
          {formatWhen(result.archived.archivedAt)}): read-only.
        </p>
      )}
      <div
        className={`recommendation tone-${recommendation.tone}`}
        role="status"
        aria-label="Recommended action"
      >
        <p className="recommendation-title">{recommendation.title}</p>
        <p>{recommendation.action}</p>
      </div>
      {!result.archived && (
        <MemberMessage key={`${result.key}:${recommendation.kind}`} text={recommendation.memberMessage} />
      )}
      {result.placement?.candidate && <VerificationFacts placement={result.placement} />}
      {result.placement && !result.archived && <PlacementActions placement={result.placement} />}
      <div className="detail-actions">
        {!result.archived && (
          <button type="button" className="button" disabled={refreshing} onClick={() => void refresh(result)}>
            {refreshing ? 'Refreshing…' : 'Refresh from supplier'}
          </button>
        )}
        <button type="button" className="button" onClick={() => void copyTicket()}>
          Copy ticket summary
        </button>
        <button
          type="button"
          className="button"
          onClick={() => openMember(result.placement?.memberId ?? order?.memberId ?? result.reference)}
        >
          Member view
        </button>
      </div>
      {ticket && (
        <Field label="Ticket summary">
          {(props) => (
            <textarea {...props} readOnly rows={Math.min(12, ticket.split('\n').length)} value={ticket} />
          )}
        </Field>
      )}
      <OrderFacts
        reference={result.reference}
        supplierOrderId={result.supplierOrderId}
        memberId={order?.memberId}
      >
        {order && (
          <>
            <Fact term="Supplier status">{order.supplierStatus}</Fact>
            <Fact term="Created">{formatWhen(order.createdAt)}</Fact>
          </>
        )}
        {result.placement && (
          <Fact term="Desk placement">
            #{result.placement.id} by {result.placement.agent}, {result.placement.state},{' '}
            {result.placement.attempts} attempts
          </Fact>
        )}
      </OrderFacts>
      {order && order.items.length > 0 && (
        <>
          <h3>Items</h3>
          <OrderItems supplier={result.supplier} items={order.items} supplierSays />
        </>
      )}
      <h3>Timeline</h3>
      <Timeline
        label="Order timeline"
        entries={result.timeline.map((e) => ({
          ...e,
          message: `${e.source === 'journal' ? 'Desk' : e.source === 'note' ? 'Note' : 'Supplier'}: ${e.message}`,
        }))}
      />
      {!result.archived && <NoteForm result={result} />}
    </section>
  );
}

/** What to tell the member: the recommended action's message, editable, copied into the ticket as edited. */
function MemberMessage({ text }: { text: string }) {
  const [message, setMessage] = useState(text);
  const [copied, setCopied] = useState(false);
  return (
    <div className="lookup-member-message">
      <Field label="What to tell the member (edit before copying)">
        {(props) => (
          <textarea {...props} rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />
        )}
      </Field>
      <button
        type="button"
        className="button button-small"
        onClick={() =>
          void navigator.clipboard
            ?.writeText(message)
            .then(() => setCopied(true))
            .catch(() => setCopied(false))
        }
      >
        Copy message
      </button>
      <span role="status" className="hint">
        {copied ? 'Copied.' : ''}
      </span>
    </div>
  );
}

/** A note on this order, with the agent's name and the time: shown in the timeline and the ticket summary. */
function NoteForm({ result }: { result: LookupResult }) {
  const reloadResult = useLookupStore((s) => s.reloadResult);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError('Write the note first.');
    setBusy(true);
    const reply = await desk().notes.add({
      supplier: result.supplier,
      reference: result.reference,
      text: text.trim(),
    });
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    setText('');
    setError(null);
    await reloadResult(result.key);
  };
  return (
    <form className="reason-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add a note">
      <Field
        label={`Note on ${result.reference} (with your name and the time; cannot be edited)`}
        error={error}
        announce
      >
        {(props) => (
          <textarea
            {...props}
            rows={2}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Add note'}
      </button>
    </form>
  );
}
