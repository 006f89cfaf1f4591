import type { Supplier } from '../../shared/domain';
import { ASCENDA_INFERRED } from '../providers/ascenda/inferred';
import type { AscendaSimSettings } from './ascenda/settings';
import type { GcpSimSettings } from './giftcard-partners/settings';

/**
 * Simulators that answer another way on one INFERRED detail each: `npm run sandbox -- --variant <name>` starts
 * one, and the conformance suite proves the probe names exactly the settings each one changes.
 */
export interface SandboxVariant {
  description: string;
  ascenda?: Partial<AscendaSimSettings>;
  gcp?: Partial<GcpSimSettings>;
  /** The settings the probe must report as differing, as `<supplier>.<setting>`. */
  differs: Array<`${Supplier}.${string}`>;
}

export const SANDBOX_VARIANTS = {
  'nn1011-409': {
    description: 'Ascenda answers a reused reference_id (NN1011) with HTTP 409 instead of 422',
    ascenda: { duplicateReferenceStatus: 409 },
    differs: ['ascenda.duplicateReferenceStatus'],
  },
  'json-tokens': {
    description: 'Ascenda takes token requests as JSON only (form bodies get 415, Basic gets 400)',
    ascenda: { tokenEncodings: ['json'] },
    differs: ['ascenda.tokenEncoding'],
  },
  'basic-tokens': {
    description: 'Ascenda takes client credentials in an HTTP Basic header only',
    ascenda: { tokenEncodings: ['basic'] },
    differs: ['ascenda.tokenEncoding'],
  },
  'token-path': {
    description: 'Ascenda serves its token endpoint at /oauth2/token',
    ascenda: { paths: { ...ASCENDA_INFERRED.paths, token: '/oauth2/token' } },
    differs: ['ascenda.paths.token'],
  },
  'wrapped-resources': {
    description: 'Ascenda wraps single resources (an order read or created) in { "data": … }',
    ascenda: { singleResourceWrapped: true },
    differs: ['ascenda.singleResourceWrapped'],
  },
  'page-size-param': {
    description: 'Ascenda names the page size page_size (per_page is ignored)',
    ascenda: { pageSizeParams: ['page_size'] },
    differs: ['ascenda.query.pageSize'],
  },
  'bare-lists': {
    description: 'Ascenda lists are bare arrays without a paging object',
    ascenda: { listShape: 'array' },
    differs: ['ascenda.listMetaKey'],
  },
  'error-object': {
    description: 'Ascenda errors come as { "error": { code, message } }',
    ascenda: { errorEnvelope: 'error' },
    differs: ['ascenda.errorEnvelope'],
  },
  'status-strings': {
    description: 'Ascenda item statuses read completed, canceled, in_progress',
    ascenda: {
      itemStatusNames: {
        pending: 'pending',
        processing: 'in_progress',
        fulfilled: 'completed',
        failed: 'failed',
        cancelled: 'canceled',
      },
    },
    differs: ['ascenda.itemStatuses'],
  },
  'reference-filter': {
    description: 'Ascenda filters orders by filter[reference_id] (reference_id is ignored)',
    ascenda: { referenceIdParam: 'filter[reference_id]' },
    differs: ['ascenda.query.referenceId'],
  },
  'recipient-top-level': {
    description: 'Ascenda wants the member contact fields in a top-level recipient, not inside user',
    ascenda: { memberPlacement: 'recipient' },
    differs: ['ascenda.memberPlacement'],
  },
  'programs-key': {
    description: 'Ascenda lists loyalty programmes under loyalty_programs instead of data',
    ascenda: { programListKey: 'loyalty_programs' },
    differs: ['ascenda.programListKey'],
  },
  'hyphen-transfers': {
    description:
      'Ascenda spells the points-transfer paths with hyphens (/loyalty-programs, validate-membership, points-transfers)',
    ascenda: {
      paths: {
        ...ASCENDA_INFERRED.paths,
        loyaltyPrograms: '/loyalty-programs',
        validateMembership: '/loyalty-programs/{id}/validate-membership',
        pointsTransfers: '/fulfillment-orders/points-transfers',
      },
    },
    differs: [
      'ascenda.paths.loyaltyPrograms',
      'ascenda.paths.validateMembership',
      'ascenda.paths.pointsTransfers',
    ],
  },
  'one-based-pages': {
    description: 'GiftCard Partners pageIndex starts at 1',
    gcp: { pageIndexBase: 1 },
    differs: ['gcp.pageIndexBase'],
  },
  'array-lists': {
    description: 'GiftCard Partners lists are bare arrays of the page (no Items/TotalCount wrapper)',
    gcp: { listShape: 'array' },
    differs: ['gcp.listShape'],
  },
  'message-errors': {
    description:
      'GiftCard Partners 400 bodies are { Message, Errors: [{Field, Message}] }, not problem details',
    gcp: { errorShape: 'message' },
    differs: ['gcp.errorShape'],
  },
  'conflict-string': {
    description: 'GiftCard Partners answers a resent PONumber with 409 and the bare original id',
    gcp: { duplicateBody: 'string' },
    differs: ['gcp.duplicateBody'],
  },
  'conflict-order-id': {
    description: 'GiftCard Partners answers a resent PONumber with 409 and { "OrderId": … }',
    gcp: { duplicateBody: 'orderId' },
    differs: ['gcp.duplicateBody'],
  },
  'from-to-dates': {
    description: 'GiftCard Partners filters orders by From and To (StartDate/EndDate are ignored)',
    gcp: { dateParams: { from: 'From', to: 'To' } },
    differs: ['gcp.query.from', 'gcp.query.to'],
  },
  'no-po-filter': {
    description: 'GiftCard Partners ignores the PONumber filter on the order list',
    gcp: { poNumberFilter: false },
    differs: ['gcp.query.poNumber'],
  },
  'discount-percent': {
    description: 'GiftCard Partners sends Cost.DiscountPercentage as a percent (5 for 5 %)',
    gcp: { discountIsFraction: false },
    differs: ['gcp.discountIsFraction'],
  },
} satisfies Record<string, SandboxVariant>;

export type VariantName = keyof typeof SANDBOX_VARIANTS;
export const VARIANT_NAMES = Object.keys(SANDBOX_VARIANTS) as VariantName[];

export function variantNamed(name: string): SandboxVariant {
  if (!Object.hasOwn(SANDBOX_VARIANTS, name)) {
    throw new Error(`No sandbox variant “${name}”. Known: ${VARIANT_NAMES.join(', ')}`);
  }
  return SANDBOX_VARIANTS[name as VariantName];
}
