import type { MembershipCheck } from './transfers';

type Explained = Omit<MembershipCheck, 'valid' | 'code' | 'supplierMessage'>;

/**
 * Each refusal of a membership check (VALIDATE-MEMBERSHIP, api-notes/ascenda.md §17), in words an agent can pass
 * on: what it means, what to ask the member, whether checking again can succeed. The `TC4xxxx` codes are the
 * transfer network's and may also come back on a failed transfer's item.
 */
export const MEMBERSHIP_CODES: Record<string, Explained> = {
  NN1301: {
    title: 'Member identifier rejected',
    meaning: 'Ascenda’s validation engine rejected the membership number as given.',
    askMember:
      'Ask the member for the membership number exactly as printed on their programme card or app, without spaces.',
    retry: 'after_correction',
  },
  TC40000: {
    title: 'Membership number not accepted by the programme',
    meaning: 'The programme does not recognise this membership number (wrong format or no such member).',
    askMember:
      'Ask the member to check the number in their programme account; it may belong to another programme.',
    retry: 'after_correction',
  },
  TC40001: {
    title: 'Name does not match the programme’s record',
    meaning: 'The first or last name does not match what the programme holds for this membership number.',
    askMember:
      'Ask the member for their name exactly as the programme has it (as on their card or statement), including any middle name the programme uses.',
    retry: 'after_correction',
  },
  TC40002: {
    title: 'Account not eligible',
    meaning:
      'The programme account cannot receive points now: it is inactive, suspended, needs activation, or its tier is not eligible.',
    askMember:
      'Ask the member to sign in to the programme and activate or reinstate the account (or contact the programme), then try again.',
    retry: 'later',
  },
  TC40010: {
    title: 'Credit halted: suspected fraud',
    meaning: 'The transfer network stopped credits to this membership as suspected fraud.',
    askMember:
      'Ask the member to contact their bank first, then Ascenda; do not retry until both have cleared it.',
    retry: 'no',
  },
  TC40101: {
    title: 'Member identifier invalid, or a general credit failure',
    meaning:
      'Ascenda documents this code twice: either the member identifier is invalid, or the credit failed for a general reason at the programme.',
    askMember:
      'Check the membership number with the member first; if it is right, the programme failed the credit for its own reason: try again later, and escalate to Ascenda if it repeats.',
    retry: 'after_correction',
  },
  NN1002: {
    title: 'Programme not found',
    meaning: 'Ascenda does not offer this loyalty programme (any more) to this tenant.',
    askMember: 'Offer the member another programme; nothing can be sent to this one.',
    retry: 'no',
  },
};

/** The words for a refusal; a code the desk does not know is named as such, with the supplier's message. */
export function explainMembership(code: string | null, supplierMessage: string | null): MembershipCheck {
  const known = code ? MEMBERSHIP_CODES[code] : undefined;
  return {
    valid: false,
    code,
    supplierMessage,
    ...(known ?? {
      title: code ? `Refused with code ${code}` : 'Membership check refused',
      meaning: `Ascenda refused the membership${code ? ` with a code the desk does not know (${code})` : ''}; its message is shown as sent.`,
      askMember:
        'Check the membership number and name with the member; ask Ascenda what the code means if it repeats.',
      retry: 'after_correction' as const,
    }),
  };
}

export const MEMBERSHIP_VALID: Omit<MembershipCheck, 'code' | 'supplierMessage'> = {
  valid: true,
  title: 'Membership confirmed',
  meaning: 'The programme knows this membership number under this name.',
  askMember: 'Nothing to ask: the transfer can be placed.',
  retry: 'no',
};
