import { SUPPLIER_NAMES, type Supplier } from './domain';
import type { SupplierErrorInfo, SupplierErrorKind } from './supplier-errors';

/** Plain language for agents: what happened, and what to do or tell the member. */
export interface Explanation {
  title: string;
  explanation: string;
  action: string;
}

/** One entry per error kind: the fallback when a supplier code has no entry of its own. */
export const KIND_EXPLANATIONS: Record<SupplierErrorKind, Explanation> = {
  DEFINITE_REJECTION: {
    title: 'Refused by the supplier',
    explanation: 'The supplier looked at the request and refused it. Nothing was ordered.',
    action: 'Correct the details shown below and send it again, or refund the member.',
  },
  DUPLICATE: {
    title: 'Already placed',
    explanation: 'The supplier already has an order with this reference, so the first attempt went through.',
    action: 'Do not place it again. Open the original order and follow its status.',
  },
  INSUFFICIENT_FUNDS: {
    title: 'Deposit account too low',
    explanation: 'The GiftCard Partners deposit account does not hold enough available funds for this order.',
    action: 'Ask finance to fund the deposit account, then send the order again with the same PO number.',
  },
  INDETERMINATE: {
    title: 'Outcome unknown',
    explanation:
      'The supplier did not give a clear answer (a timeout, a dropped connection or a server error). The order may or may not exist.',
    action:
      'Do not refund and do not place a new order. The desk looks the order up by its reference and resends with the same reference only if it is not there.',
  },
  AUTH: {
    title: 'Credentials refused',
    explanation:
      'The supplier did not accept this profile’s credentials, or API access is turned off for them.',
    action: 'Check the credentials in Settings, or ask the supplier whether API access is enabled.',
  },
  RATE_LIMITED: {
    title: 'Too many requests',
    explanation: 'The supplier asked the desk to slow down. Nothing was processed.',
    action: 'Wait a moment and try again.',
  },
  MALFORMED_RESPONSE: {
    title: 'Unreadable answer',
    explanation: 'The supplier answered with something the desk could not read. Nothing was saved from it.',
    action: 'Try again. If it repeats, report it to the supplier with the request id.',
  },
  NOT_FOUND: {
    title: 'Not found',
    explanation: 'The supplier has no record with that id or reference.',
    action: 'Check the id or reference and the profile (UAT or Production) you are using.',
  },
  UNREACHABLE: {
    title: 'Supplier unreachable',
    explanation:
      'The desk could not connect to the supplier (network down, wrong address, or the service is off). Nothing was sent.',
    action: 'Check the network and the base URL in Settings, then try again.',
  },
  TLS: {
    title: 'Untrusted connection',
    explanation: 'The supplier’s security certificate was not trusted, so the desk refused to send anything.',
    action: 'Check the base URL. If it is right, report the certificate problem to IT.',
  },
  NOT_CONFIGURED: {
    title: 'Profile not set up',
    explanation: 'This profile is missing a credential or address for the supplier. Nothing was sent.',
    action: 'Open Settings and fill in the missing credential.',
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
    action:
      'Let the desk look the order up by reference. If an item failed with this code, refund the member’s points.',
  },
  'ascenda:NN1001': {
    title: 'Invalid details',
    explanation:
      'Ascenda rejected one of the values sent (for example the member id, the amount or the recipient).',
    action:
      'Correct the value named below. For a failed item, refund the member’s points and ask them to redeem again.',
  },
  'ascenda:NN1002': {
    title: 'Not found at Ascenda',
    explanation: 'The gift card, order or programme no longer exists or is no longer offered.',
    action: 'Pick another card. For a failed item, refund the member’s points.',
  },
  'ascenda:NN1011': {
    title: 'Reference already used',
    explanation: 'Ascenda already has an order with this reference id: an earlier attempt went through.',
    action: 'Do not place it again; open the original order.',
  },
  'ascenda:NN1301': {
    title: 'Member id rejected',
    explanation: 'Ascenda’s validation engine rejected the member identifier.',
    action: 'Confirm the member’s id in the loyalty system. Refund the member’s points if an item failed.',
  },
  'ascenda:AF2001': {
    title: 'Wrong type of value',
    explanation: 'A value had the wrong data type or format (this includes an invalid X-Ascenda-Version).',
    action: 'Report it to the desk’s maintainers with the request id; it is not something the agent can fix.',
  },
  'ascenda:AF2006': {
    title: 'Tenant not found',
    explanation: 'Ascenda does not know the tenant behind these credentials (wrong region or environment).',
    action: 'Check the profile’s region and environment against the credentials.',
  },
  'ascenda:UNAUTHORIZED': KIND_EXPLANATIONS.AUTH,
  'ascenda:FORBIDDEN': {
    title: 'API access disabled',
    explanation: 'Ascenda has turned off API access for this client id.',
    action: 'Ask Ascenda support to enable API access for the client id.',
  },
  'ascenda:RATE_LIMITED': KIND_EXPLANATIONS.RATE_LIMITED,
  'gcp:ISSUER_DECLINED': {
    title: 'Issuer declined',
    explanation: 'The card issuer declined to activate the card.',
    action: 'Tell the member the card could not be issued; re-order with a new PO number or refund.',
  },
  'gcp:PRODUCT_UNAVAILABLE': {
    title: 'Product unavailable',
    explanation: 'The product is temporarily unavailable from the issuer.',
    action: 'Offer the member another product, or refund.',
  },
  'gcp:DELIVERY_BOUNCED': {
    title: 'Delivery bounced',
    explanation: 'The recipient’s email address bounced, so the card could not be delivered.',
    action: 'Confirm the member’s email address, then re-order with a new PO number or refund.',
  },
};

export function explainCode(supplier: Supplier, code: string): Explanation | null {
  return CODE_EXPLANATIONS[`${supplier}:${code}`] ?? null;
}

/** The agent-facing text for a supplier failure: the code's entry when it has one, else the kind's. */
export function explainSupplierError(info: SupplierErrorInfo): Explanation {
  const byKind = KIND_EXPLANATIONS[info.kind];
  const byCode = info.supplierCode ? explainCode(info.supplier, info.supplierCode) : null;
  // The kind decides duplicates and unknown outcomes: a code's generic text must not soften them.
  const base = byCode && info.kind !== 'INDETERMINATE' && info.kind !== 'DUPLICATE' ? byCode : byKind;
  return { ...base, title: `${SUPPLIER_NAMES[info.supplier]}: ${base.title}` };
}
