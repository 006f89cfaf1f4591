import { useEffect, useRef, useState } from 'react';
import {
  describeProblem,
  formatSummary,
  type ConformanceCheck,
  type ConformanceReport,
} from '../../../shared/conformance';
import type { Profile } from '../../../shared/domain';
import { ASCENDA_REGIONS } from '../../../shared/profile-schema';
import type { DeskError } from '../../../shared/errors';
import { desk } from '../../desk';
import { DataTable } from '../../components/DataTable';
import { Checkbox } from '../../components/Field';

const VERDICT_TEXT: Record<ConformanceCheck['verdict'], string> = {
  differs: '✗ Differs',
  match: '✓ Match',
  not_observable: '– Not observable',
};

/**
 * "Check supplier conformance": the calibration probe for this profile. Every INFERRED setting is compared with
 * what the suppliers answer; differing ones come first, with what was seen and what to set. A test order is
 * offered on Sandbox and UAT only.
 */
export function ConformancePanel({ profile }: { profile: Profile }) {
  const [running, setRunning] = useState(false);
  const [testOrder, setTestOrder] = useState(false);
  const [report, setReport] = useState<ConformanceReport | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const resultRef = useRef<HTMLHeadingElement & HTMLParagraphElement>(null);
  const production = profile.environment === 'production';
  const region = ASCENDA_REGIONS.find((r) => r.code === profile.ascendaRegion);

  const run = async () => {
    setRunning(true);
    setError(null);
    const reply = await desk().conformance.check({
      profileId: profile.id,
      placeTestOrder: testOrder && !production,
    });
    setRunning(false);
    if (reply.ok) setReport(reply.value);
    else setError(reply.error);
  };
  // The work continues with the result: focus lands on it once it is shown.
  useEffect(() => {
    if (report || error) resultRef.current?.focus();
  }, [report, error]);

  const shown = report?.profileId === profile.id ? report : null;
  const differing = shown?.checks.filter((c) => c.verdict === 'differs') ?? [];
  const others = shown?.checks.filter((c) => c.verdict !== 'differs') ?? [];
  return (
    <div className="conformance">
      <p className="hint">
        Compares every setting the desk could only infer from the suppliers’ documentation (paths, token
        encoding, list and error shapes, page base, status words, the duplicate-reference answer) with what
        this profile’s suppliers really answer. Read-only unless a test order is asked for.
      </p>
      {region && !region.verified && (
        <p className="banner banner-warning">
          Unverified: Ascenda documents only its US hosts. This profile’s {region.code.toUpperCase()} address
          follows their pattern; check it here before relying on it.
        </p>
      )}
      <div className="row">
        <Checkbox
          label="Also place one DESK-PROBE- test order per supplier"
          checked={testOrder && !production}
          disabled={production || running}
          onChange={setTestOrder}
        />
        {production && <span className="hint">Never on Production: it would spend real money.</span>}
      </div>
      <button type="button" className="button" disabled={running} onClick={() => void run()}>
        {running ? 'Checking supplier conformance…' : 'Check supplier conformance'}
      </button>
      <div role="status" aria-label="Supplier conformance result">
        {error && (
          <p ref={resultRef} tabIndex={-1} className="result-failed">
            ✗ {error.message}
          </p>
        )}
        {shown && (
          <>
            <h4 ref={resultRef} tabIndex={-1} className={shown.differ > 0 ? 'result-failed' : 'result-ok'}>
              {formatSummary(shown)}
            </h4>
            {shown.problems.map((p) => (
              <p key={p.supplier} className="result-failed">
                Not probed — {describeProblem(p)}
              </p>
            ))}
            {shown.testOrders.map((o) => (
              <p key={o.supplier} className="hint">
                Test order ({o.supplier}): {o.outcome}
              </p>
            ))}
            {differing.length > 0 && <CheckTable label="Settings that differ" checks={differing} />}
            {others.length > 0 && (
              <details>
                <summary>{others.length} settings that match or cannot be seen without a test order</summary>
                <CheckTable label="Other settings" checks={others} />
              </details>
            )}
            {differing.length > 0 && (
              <p className="hint">
                To use the suggested values for this profile, run{' '}
                <code>npm run probe -- --profile "{profile.name}" --apply</code> (see the README, “Calibrating
                a new UAT profile”).
              </p>
            )}
            {shown.reportFile && <p className="hint">Report saved to {shown.reportFile}</p>}
          </>
        )}
      </div>
    </div>
  );
}

/** What was seen and what to set; for the others, why (or what was seen, when there is a note). */
function detail(check: ConformanceCheck): string {
  if (check.verdict === 'differs')
    return `desk uses ${check.configured}; supplier shows ${check.observed ?? 'nothing'}; set ${check.suggest ?? 'by hand'}`;
  return check.note ?? '';
}

function CheckTable({ label, checks }: { label: string; checks: ConformanceCheck[] }) {
  return (
    <DataTable label={label} columns={['Setting', 'Result', 'Detail']} className="conformance-table">
      {checks.map((c) => (
        <tr key={`${c.supplier}.${c.setting}`}>
          <td className="path">{`${c.supplier}.${c.setting}`}</td>
          <td
            className={c.verdict === 'differs' ? 'result-failed' : c.verdict === 'match' ? 'result-ok' : ''}
          >
            {VERDICT_TEXT[c.verdict]}
          </td>
          <td>{detail(c)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
