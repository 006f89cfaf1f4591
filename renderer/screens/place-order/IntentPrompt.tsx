import { SUPPLIER_NAMES } from '../../../shared/domain';
import type { IntentCheck, ReferenceUse } from '../../../shared/intents';
import { formatDateTime } from '../../../shared/format';
import { ReasonForm } from '../../components/ReasonForm';
import { useLookupStore } from '../../state/lookup';
import { usePlacementStore } from '../../state/placement';
import { useShellStore } from '../../state/shell';

/** Opens a match where the agent can see it: the journal's placement here, anything else in Lookup. */
function useOpen() {
  const select = usePlacementStore((s) => s.select);
  const setScreen = useShellStore((s) => s.setScreen);
  return (match: { placementId: number | null; reference: string }) => {
    if (match.placementId !== null) {
      select(match.placementId);
      return;
    }
    setScreen('lookup');
    void useLookupStore.getState().search(match.reference);
  };
}

/**
 * The duplicate-intent guard's answer: what looks like the same order for this member, and a typed reason to
 * place it anyway (audited). Nothing was sent yet.
 */
export function IntentPrompt({
  check,
  onOverride,
  onCancel,
}: {
  check: IntentCheck;
  onOverride(reason: string): Promise<string | null>;
  onCancel(): void;
}) {
  const open = useOpen();
  return (
    <div className="intent-prompt" role="alert" aria-label="Possible second payment">
      <p>
        <strong>{check.member} may already have this order. Nothing was sent.</strong> The same member, card
        and value within {check.windowDays} days, or a placement of theirs still in doubt:
      </p>
      <ul>
        {check.matches.map((m) => (
          <li key={`${m.source}:${m.supplier}:${m.reference}`}>
            {m.inDoubt && <strong>In doubt: </strong>}
            {m.why} · {SUPPLIER_NAMES[m.supplier]} · {m.at ? formatDateTime(m.at) : 'time unknown'}{' '}
            <button type="button" className="button button-small" onClick={() => open(m)}>
              Open {m.reference}
            </button>
          </li>
        ))}
      </ul>
      <ReasonForm
        label="Why place it anyway? (audited)"
        hint="For example: “member asked for a second card for a gift, ticket 4411”."
        submitLabel="Place anyway"
        danger
        onSubmit={onOverride}
        onCancel={onCancel}
        autoFocus
      />
    </div>
  );
}

/** Where a reference is already used: nothing was sent; open that order instead. */
export function ReferenceInUse({ uses }: { uses: ReferenceUse[] }) {
  const open = useOpen();
  return (
    <ul className="reference-uses" aria-label="Where this reference is used">
      {uses.map((u) => (
        <li key={`${u.source}:${u.supplier}:${u.placementId ?? u.orderId}`}>
          <button type="button" className="button button-small" onClick={() => open(u)}>
            {u.placementId !== null
              ? `Open placement #${u.placementId} (${SUPPLIER_NAMES[u.supplier]})`
              : `Open ${u.reference} in Lookup (${SUPPLIER_NAMES[u.supplier]} history)`}
          </button>
        </li>
      ))}
    </ul>
  );
}
