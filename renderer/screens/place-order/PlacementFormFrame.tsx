import type { ReactNode } from 'react';
import type { Placement } from '../../../shared/placement';
import { ReferenceInUse } from './IntentPrompt';
import { newReference } from './order-form';
import { FormActions, type Built, type PlacementForm } from './use-placement-form';

interface PlacementFormFrameProps {
  form: PlacementForm;
  revising: Placement | null;
  headingId: string;
  heading: string;
  /** Checks the form and builds the draft to send. */
  build(): Built;
  /** Errors with no field of their own (e.g. the card's currency), listed at the top with the form's. */
  unplaced?: ReadonlyArray<readonly [path: string, message: string]>;
  /** Shown under the errors, before the fields (e.g. a list that could not be read). */
  notice?: ReactNode;
  referenceLabel: string;
  memberHint: string;
  /** What a Production placement spends, above the typed-back reference. */
  productionNote: ReactNode;
  production: boolean;
  actionLabel: string;
  /** The kind's own fields, between the member and the Production confirmation. */
  children: ReactNode;
  /** Under the buttons. */
  footer?: ReactNode;
}

/**
 * What every placement form looks like around its own fields: its heading, the refusal and its errors, the
 * reference (or, for a correction, why it stays), the member, the Production confirmation, the buttons, and the
 * reasons it may ask for (outside the form: forms cannot nest).
 */
export function PlacementFormFrame({
  form,
  revising,
  headingId,
  heading,
  build,
  unplaced = [],
  notice,
  referenceLabel,
  memberHint,
  productionNote,
  production,
  actionLabel,
  children,
  footer,
}: PlacementFormFrameProps) {
  const { errors, change, text, uses, sending, formRef, submit, announcement, reasons, busy, showActions } =
    form;
  return (
    <>
      <form
        ref={formRef}
        className="order-form"
        onSubmit={(event) => void submit(build)(event)}
        noValidate
        aria-labelledby={headingId}
      >
        <h2 id={headingId}>{heading}</h2>
        {announcement}
        {(errors.form || unplaced.length > 0) && (
          <div className="form-error" role="alert">
            {errors.form && <p>{errors.form}</p>}
            {unplaced.map(([path, message]) => (
              <p key={path}>{message}</p>
            ))}
            {uses.length > 0 && <ReferenceInUse uses={uses} />}
          </div>
        )}
        {notice}
        {revising ? (
          <p className="hint">
            Reference {revising.reference} stays (it is often the client system’s transaction id); the refused
            request is kept in the journal as revision {revising.revision}.
          </p>
        ) : (
          <div className="reference-row">
            {text(
              'reference',
              referenceLabel,
              { spellCheck: false, autoComplete: 'off' },
              "Pre-filled with a new UUID; paste the client system's transaction id instead if it has one. Every retry uses this same reference.",
            )}
            <button type="button" className="button" onClick={() => change('reference', newReference())}>
              New reference
            </button>
          </div>
        )}
        {text(
          'memberId',
          'Member id (client system)',
          { spellCheck: false, autoComplete: 'off' },
          memberHint,
        )}
        {children}
        {production && !revising && (
          <div className="production-confirm">
            <p>{productionNote}</p>
            {text('confirmation', 'Type the reference again to confirm', {
              spellCheck: false,
              autoComplete: 'off',
            })}
          </div>
        )}
        {showActions && <FormActions revising={revising} busy={busy} sending={sending} label={actionLabel} />}
        {footer}
      </form>
      {reasons}
    </>
  );
}
