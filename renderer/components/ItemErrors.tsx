import { explainCode, nn1001Cause } from '../../shared/error-catalogue';
import type { Supplier } from '../../shared/domain';
import type { ItemError } from '../../shared/orders';

/** An item's errors: the supplier's words verbatim, then what they mean and what to do. */
export function ItemErrors({ supplier, errors }: { supplier: Supplier; errors: ItemError[] }) {
  return errors.map((e, i) => {
    const explained = explainCode(supplier, e.code);
    // NN1001 covers eight documented messages; the matching one is a hint only, never a decision.
    const cause = e.code === 'NN1001' ? nn1001Cause(e.message) : null;
    const action = (cause ?? explained)?.action;
    return (
      <div key={`${e.code}-${i}`} className="supplier-problem">
        <p className="supplier-problem-title">
          <code>{e.code}</code> {explained ? explained.title : 'Supplier error'}: “{e.message}”
        </p>
        {explained && <p>{explained.explanation}</p>}
        {cause && <p>Likely cause: {cause.meaning}</p>}
        {action && (
          <p>
            <strong>What to do:</strong> {action}
          </p>
        )}
      </div>
    );
  });
}
