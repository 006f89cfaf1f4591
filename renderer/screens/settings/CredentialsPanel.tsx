import { useState, type FormEvent } from 'react';
import { SUPPLIER_NAMES, SUPPLIERS } from '../../../shared/domain';
import {
  SECRET_FIELD_INFO,
  SECRET_FIELDS,
  type SecretField,
  type SecretStatus,
} from '../../../shared/secrets';
import { useSettingsStore } from '../../state/settings';
import { TextField } from '../../components/Field';

const KEYCHAIN_CODES = new Set(['KEYCHAIN_LOCKED', 'UNAVAILABLE']);

/** Set or clear each credential; the desk only ever learns back whether one is set. */
export function CredentialsPanel({ status }: { status: SecretStatus | undefined }) {
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const error = useSettingsStore((state) => state.error);
  // A locked or missing keychain is said as such: never "checking" for ever, never "not set".
  if (!status && error && KEYCHAIN_CODES.has(error.code)) return <p role="status">{error.message}</p>;
  if (!status) return <p>Checking the OS keychain…</p>;
  if (status.builtIn) {
    return <p>The Sandbox uses the simulators’ built-in credentials. Nothing is stored in your keychain.</p>;
  }
  return (
    <>
      <p className="hint">
        Stored only in the OS keychain (service “Fulfillment Desk”). Saved values are never shown again.
      </p>
      {SUPPLIERS.map((supplier) => (
        <fieldset key={supplier} className="credentials">
          <legend>{SUPPLIER_NAMES[supplier]}</legend>
          {SECRET_FIELDS.filter((field) => SECRET_FIELD_INFO[field].supplier === supplier).map((field) => (
            <CredentialRow
              key={field}
              profileId={status.profileId}
              field={field}
              isSet={status.fields[field]}
              onNotice={setNotice}
            />
          ))}
        </fieldset>
      ))}
      <p role="status" className={notice ? `notice notice-${notice.tone}` : 'notice'}>
        {notice?.text}
      </p>
    </>
  );
}

function CredentialRow({
  profileId,
  field,
  isSet,
  onNotice,
}: {
  profileId: string;
  field: SecretField;
  isSet: boolean;
  onNotice(notice: { tone: 'ok' | 'error'; text: string }): void;
}) {
  const { setSecret, clearSecret } = useSettingsStore();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const info = SECRET_FIELD_INFO[field];
  const label = `${SUPPLIER_NAMES[info.supplier]} ${info.label.toLowerCase()}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() === '') return onNotice({ tone: 'error', text: `Enter the ${label} first.` });
    setBusy(true);
    const reply = await setSecret(profileId, field, value);
    setBusy(false);
    if (!reply.ok) return onNotice({ tone: 'error', text: reply.error.message });
    setValue('');
    onNotice({ tone: 'ok', text: `${label[0]!.toUpperCase()}${label.slice(1)} saved to the OS keychain.` });
  };
  const clear = async () => {
    setBusy(true);
    const reply = await clearSecret(profileId, field);
    setBusy(false);
    onNotice(
      reply.ok
        ? { tone: 'ok', text: `${info.label} removed from the OS keychain.` }
        : { tone: 'error', text: reply.error.message },
    );
  };

  return (
    <form className="credential-row" onSubmit={(event) => void save(event)} aria-label={label}>
      <TextField
        label={info.label}
        hint={
          <span className={isSet ? 'secret-state secret-set' : 'secret-state secret-unset'}>
            {isSet ? '✓ Set' : '✗ Not set'}
          </span>
        }
        type={info.concealed ? 'password' : 'text'}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={isSet ? 'Set — type to replace' : 'Not set'}
        onChange={setValue}
      />
      <button type="submit" className="button" disabled={busy} aria-label={`Save ${label}`}>
        Save
      </button>
      <button
        type="button"
        className="button"
        disabled={busy || !isSet}
        onClick={() => void clear()}
        aria-label={`Clear ${label}`}
      >
        Clear
      </button>
    </form>
  );
}
