import { useEffect, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import type { DeskError } from '../../../shared/errors';
import type { IntentCheck, ReferenceUse } from '../../../shared/intents';
import type { Placement, PlacementDraft } from '../../../shared/placement';
import { Field, TextField } from '../../components/Field';
import { ReasonForm } from '../../components/ReasonForm';
import { usePlacementStore } from '../../state/placement';
import { IntentPrompt } from './IntentPrompt';
import { fieldErrors, type FormErrors, type FormValues } from './order-form';

export type Built = { draft: PlacementDraft; errors: null } | { draft: null; errors: FormErrors };

/**
 * What every placement form shares (a gift card, a points transfer): its values and errors, sending through the
 * journal with the intent guard's typed reason, a correction's audited reason, and a refused submit that
 * focuses the first field in error and says how many need attention.
 */
export function usePlacementForm(options: {
  initial: () => FormValues;
  revising: Placement | null;
  /** A refusal the form shows in its own way besides the field errors (e.g. a membership check). */
  onRefused?: (error: DeskError) => void;
}) {
  const { revising, onRefused } = options;
  const { place, revise } = usePlacementStore();
  const [values, setValues] = useState<FormValues>(options.initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [uses, setUses] = useState<ReferenceUse[]>([]);
  const [intent, setIntent] = useState<{ check: IntentCheck; draft: PlacementDraft } | null>(null);
  const [pendingRevision, setPendingRevision] = useState<PlacementDraft | null>(null);
  const [sending, setSending] = useState(false);
  /** Bumped on a refused submit: the first field in error takes focus and the count is announced. */
  const [announce, setAnnounce] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (announce === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [announce]);

  const change = (path: string, value: string) => {
    setValues((current) => ({ ...current, [path]: value }));
    setErrors(({ [path]: _, form: __, ...rest }) => rest);
  };
  const field = (path: string, label: string, control: (props: object) => ReactNode, hint?: string) => (
    <Field label={label} error={errors[path]} hint={hint}>
      {(props) =>
        control({
          ...props,
          value: values[path] ?? '',
          onChange: (e: { target: { value: string } }) => change(path, e.target.value),
        })
      }
    </Field>
  );
  const text = (
    path: string,
    label: string,
    extra: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> = {},
    hint?: string,
  ) => (
    <TextField
      label={label}
      error={errors[path]}
      hint={hint}
      value={values[path] ?? ''}
      onChange={(value) => change(path, value)}
      {...extra}
    />
  );

  const refused = (error: DeskError): string => {
    onRefused?.(error);
    if (error.code === 'REFERENCE_IN_USE') setUses((error.details as ReferenceUse[]) ?? []);
    setErrors(fieldErrors(error.message, error.details));
    return error.message;
  };

  /** Sends the draft (with a typed override when the intent guard asked for one) and reads the answer. */
  const send = async (draft: PlacementDraft): Promise<string | null> => {
    setSending(true);
    const reply = await place(draft);
    setSending(false);
    if (reply.ok) {
      setIntent(null);
      return null;
    }
    if (reply.error.code === 'DUPLICATE_INTENT') {
      setIntent({ check: reply.error.details as IntentCheck, draft });
      return draft.intentOverride ? reply.error.message : null;
    }
    setIntent(null);
    return refused(reply.error);
  };

  /** The form's submit: checks it as main will, then sends it, or asks why it was corrected. */
  const submit = (build: () => Built) => async (event: FormEvent) => {
    event.preventDefault();
    setUses([]);
    setIntent(null);
    const built = build();
    if (!built.draft) {
      setErrors(built.errors);
      setAnnounce((n) => n + 1);
      return;
    }
    if (revising) {
      setPendingRevision(built.draft);
      return;
    }
    await send(built.draft);
  };

  const sendRevision = async (reason: string): Promise<string | null> => {
    if (!revising || !pendingRevision) return null;
    const reply = await revise(revising.id, pendingRevision.order, reason);
    if (reply.ok) return null;
    setPendingRevision(null);
    return refused(reply.error);
  };

  /** Read out at once (assertive), without adding another alert to the form's own error list. */
  const announcement = (
    <p className="visually-hidden" aria-live="assertive">
      {announce > 0 && Object.keys(errors).length > 0
        ? `Nothing was sent: ${Object.keys(errors).length} ${Object.keys(errors).length === 1 ? 'field needs' : 'fields need'} attention; the first one has the focus.`
        : ''}
    </p>
  );

  /** Outside the form: a reason is a form of its own, and forms cannot nest. */
  const reasons = (
    <>
      {intent && (
        <IntentPrompt
          check={intent.check}
          onCancel={() => setIntent(null)}
          onOverride={(reason) => send({ ...intent.draft, intentOverride: reason })}
        />
      )}
      {revising && pendingRevision && (
        <ReasonForm
          label="What was corrected, and why? (audited)"
          submitLabel="Resend under the same reference"
          onSubmit={sendRevision}
          onCancel={() => setPendingRevision(null)}
        />
      )}
    </>
  );

  return {
    values,
    errors,
    setErrors,
    change,
    field,
    text,
    uses,
    sending,
    formRef,
    submit,
    announcement,
    reasons,
    /** The submit button waits while a send, a reason for a second payment or a correction's reason is open. */
    busy: sending || intent !== null,
    showActions: !pendingRevision,
  };
}

/** A placement form's state and its field builders, as the supplier's own fields use them. */
export type PlacementForm = ReturnType<typeof usePlacementForm>;

/** The form's closing buttons: cancel a correction, and send (or review the correction). */
export function FormActions({
  revising,
  busy,
  sending,
  label,
}: {
  revising: Placement | null;
  busy: boolean;
  sending: boolean;
  label: string;
}) {
  const startRevising = usePlacementStore((s) => s.startRevising);
  return (
    <div className="dialog-actions">
      {revising && (
        <button type="button" className="button" onClick={() => startRevising(null)}>
          Cancel correction
        </button>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {sending ? 'Journaling…' : revising ? 'Review correction' : label}
      </button>
    </div>
  );
}
