import { explainSupplierError } from '../../shared/error-catalogue';
import type { SupplierErrorInfo } from '../../shared/supplier-errors';

/** A supplier failure in plain language, with the facts support will ask for one click away. */
export function SupplierProblem({ info }: { info: SupplierErrorInfo }) {
  const { title, explanation, action } = explainSupplierError(info);
  const facts: Array<[string, string | null]> = [
    ['Step', info.operation],
    ['HTTP status', info.httpStatus === null ? null : String(info.httpStatus)],
    ['Supplier code', info.supplierCode],
    ['Network', info.networkCode],
    ['Request id', info.requestId],
    ['Supplier said', info.supplierMessage],
  ];
  return (
    <div className="supplier-problem">
      <p className="supplier-problem-title">{title}</p>
      <p>{explanation}</p>
      <p>
        <strong>What to do:</strong> {action}
      </p>
      {info.fieldErrors.length > 0 && (
        <ul aria-label="Fields the supplier refused">
          {info.fieldErrors.map((f) => (
            <li key={`${f.field}:${f.message}`}>
              <code>{f.field || 'request'}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Details for support</summary>
        <dl className="facts">
          {facts
            .filter((fact): fact is [string, string] => fact[1] !== null && fact[1] !== '')
            .map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
      </details>
    </div>
  );
}
