import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/Field';
import type { Profile } from '../../../shared/domain';
import { currencyCodeSchema } from '../../../shared/points';
import { useSettingsStore } from '../../state/settings';
import { useShellStore } from '../../state/shell';
import { desk } from '../../desk';

/**
 * An older desk kept one cost per point for every currency. It prices nothing until the agent says which
 * currency it was for: the desk never guesses (a ¥1,000 card is not 100,000 points).
 */
export function LegacyRate({ profile }: { profile: Profile }) {
  const legacy = profile.legacyRate!;
  const [currency, setCurrency] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = currencyCodeSchema.safeParse(currency);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter a 3-letter currency code');
      return;
    }
    const reply = await desk().profiles.assignLegacyRate({ id: profile.id, currency: parsed.data });
    if (!reply.ok) return setError(reply.error.message);
    await Promise.all([useSettingsStore.getState().load(), useShellStore.getState().load()]);
  };
  return (
    <form
      className="banner banner-warning"
      onSubmit={(e) => void submit(e)}
      aria-label="Confirm the old cost per point"
    >
      <p>
        <strong>Confirm the old cost per point.</strong> This profile had one cost per point (
        {legacy.costPerPoint}) and one largest order ({legacy.maxOrderValue}) for every currency. Points are
        now per currency: say which currency these were for. Until then, no order on this profile shows
        points.
      </p>
      <TextField
        label="Currency they were for"
        error={error}
        announce
        value={currency}
        maxLength={3}
        spellCheck={false}
        placeholder="USD"
        onChange={(value) => {
          setCurrency(value);
          setError(null);
        }}
      />
      <button type="submit" className="button button-primary">
        Confirm currency
      </button>
    </form>
  );
}
