import { useEffect, useState, type FormEvent } from 'react';
import type { DiagnosticsExport } from '../../../shared/diagnostics';
import {
  UPDATE_CHANNELS,
  updateSettingsSchema,
  type UpdateChannel,
  type UpdateCheck,
} from '../../../shared/updates';
import { Field, RadioGroup } from '../../components/Field';
import { desk } from '../../desk';

/** Export diagnostics for an Ops ticket: the same zip as Help → Export diagnostics in the desktop app. */
export function DiagnosticsPanel() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<
    { ok: true; value: DiagnosticsExport } | { ok: false; message: string } | null
  >(null);
  const run = async () => {
    setBusy(true);
    const reply = await desk().app.exportDiagnostics();
    setBusy(false);
    setResult(reply.ok ? reply : { ok: false, message: reply.error.message });
  };
  return (
    <section aria-labelledby="diagnostics-heading">
      <h2 id="diagnostics-heading">Diagnostics</h2>
      <p className="hint">
        One zip for an Ops ticket: the logs (credentials masked), versions, settings without secrets, each
        cache’s migrations and the last supplier probe report.
      </p>
      <button type="button" className="button" disabled={busy} onClick={() => void run()}>
        {busy ? 'Exporting diagnostics…' : 'Export diagnostics'}
      </button>
      <div role="status" aria-label="Diagnostics export result">
        {result?.ok && (
          <p className="result-ok">
            ✓ Saved {result.value.entries.length} files ({Math.ceil(result.value.bytes / 1024)} KB) to{' '}
            <span className="path">{result.value.file}</span>. Attach it to the ticket.
          </p>
        )}
        {result && !result.ok && <p className="result-failed">✗ Not exported: {result.message}</p>}
      </div>
    </section>
  );
}

const CHANNEL_LABELS: Record<UpdateChannel, string> = {
  stable: 'Stable (releases only)',
  beta: 'Beta (pre-releases first)',
};

/** The update feed and channel; the check itself runs in the desktop app (the bridge says why it cannot). */
export function UpdatesPanel() {
  const [channel, setChannel] = useState<UpdateChannel>('stable');
  const [feedUrl, setFeedUrl] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState('');
  const [check, setCheck] = useState<UpdateCheck | null>(null);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    void desk()
      .updates.settings()
      .then((reply) => {
        if (!reply.ok) return setError(reply.error.message);
        setChannel(reply.value.channel);
        setFeedUrl(reply.value.feedUrl);
      });
  }, []);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = updateSettingsSchema.safeParse({ channel, feedUrl });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    const reply = await desk().updates.configure(parsed.data);
    if (!reply.ok) return setError(reply.error.message);
    setSaved(reply.value.feedUrl === '' ? 'Saved: no update feed, so the desk does not check.' : 'Saved.');
  };
  const runCheck = async () => {
    setChecking(true);
    const reply = await desk().updates.check();
    setChecking(false);
    setCheck(
      reply.ok
        ? reply.value
        : { status: 'failed', message: reply.error.message, currentVersion: '', availableVersion: null },
    );
  };
  return (
    <section aria-labelledby="updates-heading">
      <h2 id="updates-heading">Updates</h2>
      <form onSubmit={(event) => void save(event)} aria-label="Update settings">
        <Field
          label="Update feed address"
          error={error}
          hint="The https:// address IT gave you; empty: never check."
        >
          {(props) => (
            <input
              {...props}
              type="url"
              value={feedUrl}
              spellCheck={false}
              onChange={(e) => setFeedUrl(e.target.value)}
            />
          )}
        </Field>
        <RadioGroup<UpdateChannel>
          legend="Channel"
          name="update-channel"
          className="field"
          optionClassName="radio"
          options={UPDATE_CHANNELS.map((value) => [value, CHANNEL_LABELS[value]] as const)}
          value={channel}
          onChange={setChannel}
        />
        <div className="row">
          <button type="submit" className="button">
            Save update settings
          </button>
          <button type="button" className="button" disabled={checking} onClick={() => void runCheck()}>
            {checking ? 'Checking for updates…' : 'Check for updates'}
          </button>
        </div>
      </form>
      <p role="status" className="notice">
        {saved}
      </p>
      <div role="status" aria-label="Update check result">
        {check && (
          <p className={check.status === 'failed' ? 'result-failed' : 'result-ok'}>{check.message}</p>
        )}
      </div>
    </section>
  );
}
