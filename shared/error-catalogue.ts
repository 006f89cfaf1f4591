import { SUPPLIER_NAMES, type Supplier } from './domain';
import { MEMBERSHIP_CODES } from './membership-codes';
import type { SupplierErrorInfo, SupplierErrorKind } from './supplier-errors';

/** Whether the member's points go back: yes, no, or not yet (the outcome is still unknown). */
export type RefundRule = 'yes' | 'no' | 'wait';

export const REFUND_WORDS: Record<RefundRule, string> = {
  yes: 'The member is owed their points back.',
  no: 'No refund: nothing was taken, or the member has their card.',
  wait: 'Do not refund yet: the outcome is not known.',
};

/** Plain language for agents: what happened, whether the member is owed their points, and what to do. */
export interface Explanation {
  title: string;
  explanation: string;
  action: string;
  refund: RefundRule;
}

/** One entry per error kind: the fallback when a supplier code has no entry of its own. */
export const KIND_EXPLANATIONS: Record<SupplierErrorKind, Explanation> = {
  DEFINITE_REJECTION: {
    title: 'Refused by the supplier',
    explanation: 'The supplier looked at the request and refused it. Nothing was ordered.',
    action: 'Correct the details shown below and resend it under the same reference.',
    refund: 'yes',
  },
  DUPLICATE: {
    title: 'Already placed',
    explanation: 'The supplier already has an order with this reference, so the first attempt went through.',
    action: 'Do not place it again. Open the original order and follow its status.',
    refund: 'no',
  },
  INSUFFICIENT_FUNDS: {
    title: 'Deposit account too low',
    explanation: 'The GiftCard Partners deposit account does not hold enough available funds for this order.',
    action: 'Ask finance to fund the deposit account, then send the order again with the same PO number.',
    refund: 'no',
  },
  INDETERMINATE: {
    title: 'Outcome unknown',
    explanation:
      'The supplier did not give a clear answer (a timeout, a dropped connection or a server error). The order may or may not exist.',
    action:
      'Do not place a new order: the desk looks the order up by its reference and resends with the same reference only if it is not there.',
    refund: 'wait',
  },
  AUTH: {
    title: 'Credentials refused',
    explanation:
      'The supplier did not accept this profile’s credentials, or API access is turned off for them.',
    action: 'Check the credentials in Settings, or ask the supplier whether API access is enabled.',
    refund: 'no',
  },
  RATE_LIMITED: {
    title: 'Too many requests',
    explanation: 'The supplier asked the desk to slow down. Nothing was processed.',
    action: 'Wait a moment and try again.',
    refund: 'no',
  },
  MALFORMED_RESPONSE: {
    title: 'Unreadable answer',
    explanation: 'The supplier answered with something the desk could not read. Nothing was saved from it.',
    action: 'Try again. If it repeats, report it to the supplier with the request id.',
    refund: 'wait',
  },
  NOT_FOUND: {
    title: 'Not found',
    explanation: 'The supplier has no record with that id or reference.',
    action: 'Check the id or reference and the profile (UAT or Production) you are using.',
    refund: 'no',
  },
  UNREACHABLE: {
    title: 'Supplier unreachable',
    explanation:
      'The desk could not connect to the supplier (network down, wrong address, or the service is off). Nothing was sent.',
    action: 'Check the network and the base URL in Settings, then try again.',
    refund: 'no',
  },
  TLS: {
    title: 'Untrusted connection',
    explanation:
      'The supplier’s security certificate was not trusted, so the desk refused to send anything. On a corporate ' +
      'network this is usually a proxy that inspects HTTPS and presents its own certificate.',
    action:
      'Check the base URL. If it is right, ask IT to install the proxy’s root certificate in this computer’s ' +
      'certificate store (the desktop app trusts that store), or for the browser bridge give its file in ' +
      'NODE_EXTRA_CA_CERTS; or to let the supplier’s address through the proxy without inspection.',
    refund: 'no',
  },
  NOT_CONFIGURED: {
    title: 'Credentials not available',
    explanation:
      'The desk could not load this profile’s credentials for the supplier: one is not set, or the keychain is locked or unavailable (the reason is given). Nothing was sent.',
    action: 'Unlock the keychain, or open Settings and fill in the missing credential; then try again.',
    refund: 'no',
  },
};

/**
 * Supplier codes: Ascenda's request and item codes (api-notes/ascenda.md §5.2, §6.2, §11.2), the codes the
 * simulators put on failed items, and GiftCard Partners' line failure codes. Keyed `supplier:code`.
 */
export const CODE_EXPLANATIONS: Record<string, Explanation> = {
  'ascenda:NN0001': {
    title: 'Unexpected Ascenda error',
    explanation:
      'Ascenda hit an internal error. For an order this means the outcome is unknown until it is looked up.',
    action: 'Let the desk look the order up by reference: on a create this code proves nothing either way.',
    refund: 'yes',
  },
  'ascenda:NN1001': {
    title: 'Invalid details',
    explanation:
      'Ascenda rejected one of the values sent (for example the member id, the amount or the recipient).',
    action: 'Correct the value named below; for a failed item, the member may redeem again.',
    refund: 'yes',
  },
  'ascenda:NN1002': {
    title: 'Not found at Ascenda',
    explanation: 'The gift card, order or loyalty programme no longer exists or is no longer offered.',
    action: 'Pick another card, or offer the member another programme.',
    refund: 'yes',
  },
  'ascenda:NN1011': {
    title: 'Reference already used',
    explanation: 'Ascenda already has an order with this reference id: an earlier attempt went through.',
    action: 'Do not place it again; open the original order.',
    refund: 'no',
  },
  'ascenda:NN1301': {
    title: 'Member id rejected',
    explanation: 'Ascenda’s validation engine rejected the member identifier.',
    action: 'Confirm the member’s id in the loyalty system.',
    refund: 'yes',
  },
  'ascenda:AF2001': {
    title: 'Wrong type of value',
    explanation: 'A value had the wrong data type or format (this includes an invalid X-Ascenda-Version).',
    action: 'Report it to the desk’s maintainers with the request id; it is not something the agent can fix.',
    refund: 'no',
  },
  'ascenda:AF2006': {
    title: 'Tenant not found',
    explanation: 'Ascenda does not know the tenant behind these credentials (wrong region or environment).',
    action: 'Check the profile’s region and environment against the credentials.',
    refund: 'no',
  },
  'ascenda:UNAUTHORIZED': KIND_EXPLANATIONS.AUTH,
  'ascenda:FORBIDDEN': {
    title: 'API access disabled',
    explanation: 'Ascenda has turned off API access for this client id.',
    action: 'Ask Ascenda support to enable API access for the client id.',
    refund: 'no',
  },
  'ascenda:RATE_LIMITED': KIND_EXPLANATIONS.RATE_LIMITED,
  ...transferNetworkCodes(),
  'gcp:ISSUER_DECLINED': {
    title: 'Issuer declined',
    explanation: 'The card issuer declined to activate the card.',
    action:
      'Tell the member the card could not be issued; place a new order (a new PO number) if they want another.',
    refund: 'yes',
  },
  'gcp:PRODUCT_UNAVAILABLE': {
    title: 'Product unavailable',
    explanation: 'The product is temporarily unavailable from the issuer.',
    action: 'Offer the member another product.',
    refund: 'yes',
  },
  'gcp:DELIVERY_BOUNCED': {
    title: 'Delivery bounced',
    explanation: 'The recipient’s email address bounced, so the card could not be delivered.',
    action: 'Confirm the member’s email address, then place a new order (a new PO number) if they want one.',
    refund: 'yes',
  },
};

/**
 * The transfer network's `TC4xxxx` codes (api-notes/ascenda.md §17): refusals of a membership check, and item
 * errors of a transfer that failed at the programme. On a failed transfer nothing was credited, so the member is
 * owed the points they redeemed; what to ask them is the same as for the check.
 */
function transferNetworkCodes(): Record<string, Explanation> {
  return Object.fromEntries(
    Object.entries(MEMBERSHIP_CODES)
      .filter(([code]) => code.startsWith('TC4'))
      .map(([code, entry]) => [
        `ascenda:${code}`,
        {
          title: entry.title,
          explanation: `${entry.meaning} On a failed transfer nothing was credited to the programme.`,
          action: `${entry.askMember} Give the member back the points they redeemed for it.`,
          refund: 'yes' as const,
        },
      ]),
  );
}

/**
 * The eight NN1001 messages Ascenda documents for fulfillment orders (api-notes/ascenda.md §7), each with what
 * it means for the agent. Shown as the likely cause next to the verbatim message; the desk never decides
 * anything on message text (Ascenda may reword it without notice).
 */
export const NN1001_MESSAGES: Array<{ pattern: RegExp; meaning: string; action: string }> = [
  {
    pattern: /recipient.*required/i,
    meaning: 'A gift-card order was sent without a recipient.',
    action: 'Add the recipient’s email (and phone if the card needs it), then place it again.',
  },
  {
    pattern: /multiple order items/i,
    meaning: 'More than one item in one order; Ascenda takes one item per order today.',
    action: 'Place one order per card.',
  },
  {
    pattern: /invalid order item type/i,
    meaning: 'The order item type is not one Ascenda knows.',
    action: 'Report it to the desk’s maintainers with the request id.',
  },
  {
    pattern: /not enabled/i,
    meaning: 'This kind of redemption is not switched on for your Ascenda tenant.',
    action: 'Ask Ascenda to enable it.',
  },
  {
    pattern: /user_id|uuid/i,
    meaning: 'The member id is not a valid UUID.',
    action: 'Copy the member’s Ascenda id again from the loyalty system.',
  },
  {
    pattern: /membership/i,
    meaning: 'A points transfer was sent without the membership details.',
    action: 'Fill in the member’s loyalty-programme membership number.',
  },
  {
    pattern: /points_account_id.*required|several points accounts|multiple points accounts/i,
    meaning: 'The member has several points accounts and the order did not say which one.',
    action: 'Ask the member which points account to use.',
  },
  {
    pattern: /pointsaccount not found|points account not found/i,
    meaning: 'The points account named in the order does not exist.',
    action: 'Check the points account id with the member.',
  },
];

/** The likely NN1001 cause for a message, if it reads like one of the eight documented ones. */
export function nn1001Cause(message: string): (typeof NN1001_MESSAGES)[number] | null {
  return NN1001_MESSAGES.find((entry) => entry.pattern.test(message)) ?? null;
}

/** GiftCard Partners answers by HTTP status (api-notes §6.4, §8.1), and network failures by their code. */
export const STATUS_EXPLANATIONS: Record<string, Explanation> = {
  'gcp:400': { ...KIND_EXPLANATIONS.DEFINITE_REJECTION, title: 'Invalid order details' },
  'gcp:401': { ...KIND_EXPLANATIONS.AUTH, title: 'Token refused' },
  'gcp:403': {
    title: 'API access disabled',
    explanation: 'GiftCard Partners has turned off API access for these credentials.',
    action: 'Ask your GiftCard Partners account manager to enable API access.',
    refund: 'no',
  },
  'gcp:409': KIND_EXPLANATIONS.DUPLICATE,
  'gcp:422': KIND_EXPLANATIONS.INSUFFICIENT_FUNDS,
  'gcp:504': {
    ...KIND_EXPLANATIONS.INDETERMINATE,
    title: 'Supplier timed out',
    explanation: 'GiftCard Partners timed out. The order may or may not exist.',
  },
  'transport:ECONNRESET': {
    ...KIND_EXPLANATIONS.INDETERMINATE,
    title: 'Connection dropped',
    explanation: 'The connection dropped before the answer arrived. The order may or may not exist.',
  },
  'transport:ETIMEDOUT': {
    ...KIND_EXPLANATIONS.INDETERMINATE,
    title: 'No answer in time',
    explanation: 'The supplier did not answer before the desk’s deadline. The order may or may not exist.',
  },
  'transport:ECONNREFUSED': KIND_EXPLANATIONS.UNREACHABLE,
  'transport:ENOTFOUND': {
    ...KIND_EXPLANATIONS.UNREACHABLE,
    title: 'Unknown host',
    explanation: 'The supplier’s address could not be found (DNS). Nothing was sent.',
  },
  'transport:CERT': KIND_EXPLANATIONS.TLS,
};

export function explainCode(supplier: Supplier, code: string): Explanation | null {
  return CODE_EXPLANATIONS[`${supplier}:${code}`] ?? null;
}

function entryFor(info: SupplierErrorInfo): Explanation {
  const byKind = KIND_EXPLANATIONS[info.kind];
  const byCode = info.supplierCode ? explainCode(info.supplier, info.supplierCode) : null;
  // The kind decides duplicates and unknown outcomes: a code's generic text must not soften them.
  return byCode && info.kind !== 'INDETERMINATE' && info.kind !== 'DUPLICATE' ? byCode : byKind;
}

/** The agent-facing text for a supplier failure: the code's entry when it has one, else the kind's. */
export function explainSupplierError(info: SupplierErrorInfo): Explanation {
  const base = entryFor(info);
  return { ...base, title: `${SUPPLIER_NAMES[info.supplier]}: ${base.title}` };
}

/**
 * The failure's title for a sentence that already names the supplier: "member id rejected" (an acronym such as
 * "API access disabled" keeps its capitals).
 */
export function errorTitle(info: SupplierErrorInfo): string {
  const title = entryFor(info).title;
  return /^[A-Z][A-Z]/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
}
