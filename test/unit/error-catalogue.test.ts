import { describe, expect, it } from 'vitest';
import { FAILURE_ERRORS } from '../../main/sandbox/ascenda/world';
import { LINE_FAILURES } from '../../main/sandbox/giftcard-partners/world';
import { CODE_EXPLANATIONS, explainSupplierError, KIND_EXPLANATIONS } from '../../shared/error-catalogue';
import { SUPPLIER_ERROR_KINDS, type SupplierErrorInfo } from '../../shared/supplier-errors';

const info = (overrides: Partial<SupplierErrorInfo>): SupplierErrorInfo => ({
  kind: 'DEFINITE_REJECTION',
  supplier: 'ascenda',
  operation: 'create gift card order',
  httpStatus: 400,
  supplierCode: null,
  supplierMessage: null,
  requestId: null,
  retryAfterMs: null,
  originalOrderId: null,
  fieldErrors: [],
  networkCode: null,
  orderMayExist: false,
  ...overrides,
});

describe('error catalogue', () => {
  it('explains every error kind in plain words with an action', () => {
    for (const kind of SUPPLIER_ERROR_KINDS) {
      expect(KIND_EXPLANATIONS[kind].explanation.length).toBeGreaterThan(20);
      expect(KIND_EXPLANATIONS[kind].action.length).toBeGreaterThan(10);
    }
  });

  it('covers every Ascenda code in the API notes (§5.2, §6.2, §7, §11.2)', () => {
    const codes = ['NN0001', 'NN1001', 'NN1002', 'NN1011', 'NN1301', 'AF2001', 'AF2006'];
    for (const code of codes) expect(CODE_EXPLANATIONS[`ascenda:${code}`], code).toBeDefined();
  });

  it('covers every item failure code the simulators seed', () => {
    for (const error of [...FAILURE_ERRORS.failed, ...FAILURE_ERRORS.cancelled]) {
      expect(CODE_EXPLANATIONS[`ascenda:${error.code}`], error.code).toBeDefined();
    }
    for (const error of LINE_FAILURES)
      expect(CODE_EXPLANATIONS[`gcp:${error.Code}`], error.Code).toBeDefined();
  });

  it('prefers the code’s own words, but never lets a code soften an unknown outcome or a duplicate', () => {
    expect(explainSupplierError(info({ supplierCode: 'NN1301' })).title).toBe('Ascenda: Member id rejected');
    expect(explainSupplierError(info({ kind: 'INDETERMINATE', supplierCode: 'NN0001' })).title).toBe(
      'Ascenda: Outcome unknown',
    );
    expect(explainSupplierError(info({ kind: 'DUPLICATE', supplierCode: 'NN1011' })).action).toMatch(
      /Do not place it again/,
    );
    expect(explainSupplierError(info({ supplier: 'gcp', kind: 'INSUFFICIENT_FUNDS' })).title).toBe(
      'GiftCard Partners: Deposit account too low',
    );
  });
});
