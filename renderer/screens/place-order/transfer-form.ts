import { placementDraftSchema, type PlacementDraft, type TransferOrder } from '../../../shared/placement';
import {
  amountProblem,
  membershipSchema,
  type LoyaltyProgram,
  type Membership,
} from '../../../shared/transfers';
import type { FormErrors, FormValues } from './order-form';

const text = (values: FormValues, path: string): string | undefined => {
  const value = values[path]?.trim();
  return value ? value : undefined;
};
const whole = (values: FormValues, path: string): number => {
  const value = values[path]?.trim().replace(/[,\s_]/g, '');
  return value ? Number(value) : Number.NaN;
};

/** Starting values: a new reference, the member carried over if any, the programme picked in the Catalogue. */
export function initialTransferValues(reference: string, memberId = '', programId = ''): FormValues {
  return { reference, memberId, programId, confirmation: '' };
}

/** The form's values for a journaled transfer: what "Correct and resend" starts from. */
export function transferValuesOf(order: TransferOrder): FormValues {
  const values: FormValues = {
    reference: order.reference,
    memberId: order.memberId,
    programId: order.programId,
    amount: String(order.amount),
    pointsRedeemed: String(order.pointsRedeemed),
    'membership.id': order.membership.id,
    'membership.firstName': order.membership.firstName,
    'membership.lastName': order.membership.lastName,
    confirmation: '',
  };
  if (order.user.email) values['user.email'] = order.user.email;
  return values;
}

/** The membership as typed, when it is complete enough to check with the programme. */
export function membershipOf(values: FormValues): { membership: Membership } | { errors: FormErrors } {
  const parsed = membershipSchema.safeParse({
    id: values['membership.id'] ?? '',
    firstName: values['membership.firstName'] ?? '',
    lastName: values['membership.lastName'] ?? '',
  });
  if (parsed.success) return { membership: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) errors[`membership.${issue.path.join('.')}`] ??= issue.message;
  return { errors };
}

/**
 * Checks the transfer as main will (the same schema) plus the programme's own rules, and returns the draft to
 * send or an error per field path.
 */
export function buildTransferDraft(
  program: LoyaltyProgram | null,
  values: FormValues,
  production: boolean,
): { draft: PlacementDraft; errors: null } | { draft: null; errors: FormErrors } {
  const order = {
    supplier: 'ascenda' as const,
    kind: 'points_transfer' as const,
    reference: values.reference?.trim() ?? '',
    memberId: values.memberId?.trim() ?? '',
    programId: program?.id ?? '',
    programName: program?.name,
    programUnit: program?.unitName ?? undefined,
    programTimeZone: program?.timeZone ?? undefined,
    amount: whole(values, 'amount'),
    membership: {
      id: values['membership.id']?.trim() ?? '',
      firstName: values['membership.firstName']?.trim() ?? '',
      lastName: values['membership.lastName']?.trim() ?? '',
    },
    pointsRedeemed: whole(values, 'pointsRedeemed'),
    user: { email: text(values, 'user.email') },
  };
  const draft = { order, confirmation: production ? values.confirmation : undefined };
  const parsed = placementDraftSchema.safeParse(draft);
  const errors: FormErrors = {};
  if (!program) errors.programId = 'Pick a programme';
  else if (!Number.isNaN(order.amount)) {
    const problem = amountProblem(program, order.amount);
    if (problem) errors.amount = problem;
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.slice(issue.path[0] === 'order' ? 1 : 0).join('.');
      errors[path || 'form'] ??= issue.message;
    }
  }
  if (production && values.confirmation?.trim() !== values.reference?.trim())
    errors.confirmation = 'Type the reference exactly as above to confirm this Production transfer';
  if (Object.keys(errors).length > 0) return { draft: null, errors };
  return { draft: parsed.data as PlacementDraft, errors: null };
}
