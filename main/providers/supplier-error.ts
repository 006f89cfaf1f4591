import { AppError } from '../../shared/errors';
import { explainSupplierError } from '../../shared/error-catalogue';
import type { SupplierErrorInfo } from '../../shared/supplier-errors';

/** A supplier call that failed, classified. Crosses IPC as code SUPPLIER with the info as details. */
export class SupplierError extends AppError {
  constructor(readonly info: SupplierErrorInfo) {
    const { title } = explainSupplierError(info);
    const status = info.httpStatus ? `HTTP ${info.httpStatus}` : info.networkCode;
    const facts = [info.operation, status, info.supplierCode].filter(Boolean).join(', ');
    // Nothing was sent, so the desk's own reason (not set, keychain locked or unavailable) is the whole story.
    const cause = info.kind === 'NOT_CONFIGURED' && info.supplierMessage ? `: ${info.supplierMessage}` : '';
    super('SUPPLIER', `${title} (${facts})${cause}`, info);
    this.name = 'SupplierError';
  }
}

export type SupplierErrorInput = Pick<SupplierErrorInfo, 'kind' | 'supplier' | 'operation'> &
  Partial<SupplierErrorInfo>;

export function supplierError(input: SupplierErrorInput): SupplierError {
  return new SupplierError({
    httpStatus: null,
    supplierCode: null,
    supplierMessage: null,
    requestId: null,
    retryAfterMs: null,
    originalOrderId: null,
    fieldErrors: [],
    networkCode: null,
    orderMayExist: false,
    ...input,
  });
}

export const isSupplierError = (error: unknown): error is SupplierError => error instanceof SupplierError;
