import { useEffect, useMemo, useState } from 'react';
import type { Profile } from '../../../shared/domain';
import { formatPoints } from '../../../shared/format';
import type { Placement, TransferOrder } from '../../../shared/placement';
import { STUCK_HORIZON_TEXT } from '../../../shared/stuck';
import type { LoyaltyProgram, MembershipCheck } from '../../../shared/transfers';
import { desk } from '../../desk';
import { usePlacementStore } from '../../state/placement';
import { useProgramsStore } from '../../state/programs';
import { rulesText } from '../catalogue/ProgramsPanel';
import { PlacementFormFrame } from './PlacementFormFrame';
import { MembershipResult } from './MembershipResult';
import { newReference, type FormValues } from './order-form';
import { buildTransferDraft, initialTransferValues, membershipOf, transferValuesOf } from './transfer-form';
import { usePlacementForm } from './use-placement-form';

interface TransferFormProps {
  profile: Profile;
  mode:
    | { kind: 'new'; memberId?: string; programId?: string }
    | { kind: 'revise'; placement: Placement & { order: TransferOrder } };
}

/** The membership fields a check was made for: a change to any of them makes the answer stale. */
const checkKey = (values: FormValues) =>
  ['programId', 'membership.id', 'membership.firstName', 'membership.lastName']
    .map((path) => values[path]?.trim() ?? '')
    .join('\u0000');

/**
 * A transfer of the member's points to a loyalty programme: the programme and an amount within its rules, the
 * membership checked with the programme, and the points the member redeemed in the client system.
 */
export function TransferForm({ profile, mode }: TransferFormProps) {
  const production = profile.environment === 'production';
  const revising = mode.kind === 'revise' ? mode.placement : null;
  const prefillReference = usePlacementStore((s) => s.prefillReference);
  const { snapshot, error: programsError, load } = useProgramsStore();
  const [checking, setChecking] = useState(false);
  const [check, setCheck] = useState<{ key: string; result: MembershipCheck } | null>(null);
  const form = usePlacementForm({
    revising,
    initial: () =>
      revising
        ? transferValuesOf(revising.order)
        : initialTransferValues(
            prefillReference ?? newReference(),
            mode.kind === 'new' ? mode.memberId : '',
            mode.kind === 'new' ? mode.programId : '',
          ),
    // A membership the programme refused shows as a check result beside the membership fields.
    onRefused: (error) => {
      if (error.code === 'MEMBERSHIP_REFUSED')
        setCheck({ key: checkKey(values), result: error.details as MembershipCheck });
    },
  });
  const { values, setErrors, field, text } = form;

  useEffect(() => {
    if (!snapshot) void load();
  }, [snapshot, load]);

  const programs = useMemo(
    () => (snapshot?.entries ?? []).filter((e) => e.available || e.program.id === values.programId),
    [snapshot, values.programId],
  );
  const entry = programs.find((e) => e.program.id === values.programId) ?? null;
  const program: LoyaltyProgram | null = entry?.program ?? null;
  const current = check && check.key === checkKey(values) ? check.result : null;

  const checkMembership = async () => {
    const typed = membershipOf(values);
    if ('errors' in typed || !program) {
      setErrors((e) => ({
        ...e,
        ...('errors' in typed ? typed.errors : {}),
        ...(program ? {} : { programId: 'Pick a programme' }),
      }));
      return;
    }
    const key = checkKey(values);
    setChecking(true);
    const reply = await desk().programs.checkMembership({
      programId: program.id,
      membership: typed.membership,
    });
    setChecking(false);
    if (reply.ok) {
      setCheck({ key, result: reply.value });
      setErrors(({ form: _, ...rest }) => rest);
    } else {
      setCheck(null);
      setErrors((e) => ({ ...e, form: `The membership could not be checked: ${reply.error.message}` }));
    }
  };

  const amount = Number(values.amount?.replace(/[,\s_]/g, ''));
  const suggested = program?.conversionRate && amount > 0 ? Math.ceil(amount / program.conversionRate) : null;
  const unit = program?.unitName ?? 'units';

  return (
    <PlacementFormFrame
      form={form}
      revising={revising}
      headingId="transfer-heading"
      heading={
        revising
          ? `Correct transfer #${revising.id} and resend it under reference ${revising.reference}`
          : 'Transfer points to a loyalty programme (Ascenda)'
      }
      build={() => buildTransferDraft(program, values, production && !revising)}
      notice={
        programsError && (
          <p className="banner banner-error" role="alert">
            The programme list could not be read: {programsError.message}
          </p>
        )
      }
      referenceLabel="Reference (reference_id)"
      memberHint="The member’s id in the loyalty system; Ascenda receives it as the user’s number."
      production={production}
      productionNote={
        <>
          <strong>Production:</strong> this transfers a real member’s points.
        </>
      }
      actionLabel="Place transfer"
      footer={
        <p className="hint">
          The desk checks the membership with the programme again before journaling: a refused membership is
          never placed.
        </p>
      }
    >
      {field(
        'programId',
        'Programme',
        (props) => (
          <select {...props}>
            <option value="">{snapshot ? 'Pick a programme' : 'Loading programmes…'}</option>
            {programs.map((e) => (
              <option key={e.program.id} value={e.program.id}>
                {e.program.name}
                {e.available ? '' : ' (withdrawn)'}
              </option>
            ))}
          </select>
        ),
        entry
          ? `${rulesText(entry)}. Credits: ${entry.program.timeToCredit ?? `up to ${STUCK_HORIZON_TEXT.points_transfer}`}.`
          : undefined,
      )}
      {text(
        'amount',
        `Amount (${unit})`,
        { inputMode: 'numeric' },
        program ? `Whole ${unit}, as the programme counts them.` : undefined,
      )}
      <fieldset className="field-group">
        <legend>Membership in the programme</legend>
        {text('membership.id', 'Membership number', { spellCheck: false, autoComplete: 'off' })}
        {text('membership.firstName', 'First name on the membership')}
        {text('membership.lastName', 'Last name on the membership')}
        <div className="dialog-actions">
          <button type="button" className="button" disabled={checking} onClick={() => void checkMembership()}>
            {checking ? 'Checking…' : 'Check membership'}
          </button>
        </div>
        {current && <MembershipResult check={current} membershipId={values['membership.id'] ?? ''} />}
      </fieldset>
      {text(
        'pointsRedeemed',
        'Points the member redeemed (client system)',
        { inputMode: 'numeric' },
        `Exactly what a failed or cancelled transfer owes back.${suggested !== null ? ` At the programme’s listed conversion this amount is ${formatPoints(suggested)}; use the client system’s figure.` : ''}`,
      )}
      {text('user.email', 'Member email (optional)', { type: 'email' })}
    </PlacementFormFrame>
  );
}
