import { formatWhen } from '../../format';
import { SUPPLIER_NAMES, SUPPLIERS, type Supplier } from '../../../shared/domain';
import { SupplierProblem } from '../../components/SupplierProblem';
import { testKey, useSettingsStore } from '../../state/settings';

/** "Test connection" per supplier: success, or exactly what failed and what to do. */
export function ConnectionPanel({ profileId }: { profileId: string }) {
  return (
    <div className="connection-tests">
      {SUPPLIERS.map((supplier) => (
        <ConnectionTest key={supplier} profileId={profileId} supplier={supplier} />
      ))}
    </div>
  );
}

function ConnectionTest({ profileId, supplier }: { profileId: string; supplier: Supplier }) {
  const { tests, test } = useSettingsStore();
  const state = tests[testKey(profileId, supplier)];
  const name = SUPPLIER_NAMES[supplier];
  const result = state && !state.running ? state.result : null;
  return (
    <section className="connection-test" aria-label={`${name} connection`}>
      <button
        type="button"
        className="button"
        disabled={state?.running}
        onClick={() => void test(profileId, supplier)}
      >
        {state?.running ? `Testing ${name}…` : `Test ${name} connection`}
      </button>
      <div role="status" aria-label={`${name} connection result`} className="connection-result">
        {result && (
          <>
            <p className={result.ok ? 'result-ok' : 'result-failed'}>
              <strong>{result.ok ? '✓ Connected' : '✗ Failed'}</strong> — {result.summary}
            </p>
            <p className="hint">
              Checked {formatWhen(result.checkedAt)} in {result.latencyMs} ms.
            </p>
            {result.error && <SupplierProblem info={result.error} />}
          </>
        )}
      </div>
    </section>
  );
}
