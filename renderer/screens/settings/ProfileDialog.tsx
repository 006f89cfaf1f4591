import { useState, type FormEvent } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { Profile } from '../../../shared/domain';
import type { Envelope } from '../../../shared/envelope';
import { Field, TextField, RadioGroup } from '../../components/Field';
import {
  ASCENDA_REGIONS,
  ascendaHostFor,
  profileDraftSchema,
  type ProfileDraft,
} from '../../../shared/profile-schema';
import { formatPerCurrency, parsePerCurrency } from './per-currency';

type NumberFields =
  | 'pointRates'
  | 'maxOrderValues'
  | 'lowBalanceThresholds'
  | 'duplicateWindowDays'
  | 'unknownStatusAlertHours';
type FormValues = Omit<ProfileDraft, NumberFields> & Record<NumberFields, string>;
type Errors = Partial<Record<keyof FormValues | 'form', string>>;

const BLANK: FormValues = {
  name: '',
  environment: 'uat',
  ascendaRegion: 'us',
  ascendaBaseUrl: ascendaHostFor('us', 'uat') ?? '',
  gcpBaseUrl: '',
  pointRates: 'USD 0.01',
  agentName: '',
  maxOrderValues: 'USD 500',
  lowBalanceThresholds: '1000, 250',
  depositCurrency: '',
  fundingPortalUrl: '',
  duplicateWindowDays: '7',
  unknownStatusAlertHours: '4',
};

interface ProfileDialogProps {
  /** The profile being edited, or null to create one. */
  profile: Profile | null;
  isOpen: boolean;
  onOpenChange(open: boolean): void;
  onSubmit(values: Partial<ProfileDraft>): Promise<Envelope<Profile>>;
}

/** Create or edit a profile. Validates with the same schema main enforces, so errors appear before sending. */
export function ProfileDialog({ profile, isOpen, onOpenChange, onSubmit }: ProfileDialogProps) {
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="dialog">
          {({ close }) => (
            <ProfileForm key={profile?.id ?? 'new'} profile={profile} onSubmit={onSubmit} onDone={close} />
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function ProfileForm({
  profile,
  onSubmit,
  onDone,
}: {
  profile: Profile | null;
  onSubmit: ProfileDialogProps['onSubmit'];
  onDone(): void;
}) {
  const builtIn = profile?.builtIn ?? false;
  const [values, setValues] = useState<FormValues>(() =>
    profile
      ? {
          name: profile.name,
          environment: profile.environment === 'production' ? 'production' : 'uat',
          ascendaRegion: profile.ascendaRegion,
          ascendaBaseUrl: profile.ascendaBaseUrl,
          gcpBaseUrl: profile.gcpBaseUrl,
          pointRates: formatPerCurrency(profile.pointRates),
          agentName: profile.agentName,
          maxOrderValues: formatPerCurrency(profile.maxOrderValues),
          lowBalanceThresholds: profile.lowBalanceThresholds.join(', '),
          depositCurrency: profile.depositCurrency,
          fundingPortalUrl: profile.fundingPortalUrl,
          duplicateWindowDays: String(profile.duplicateWindowDays),
          unknownStatusAlertHours: String(profile.unknownStatusAlertHours),
        }
      : BLANK,
  );
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);

  const change = (field: keyof FormValues, value: string) => {
    const next = { ...values, [field]: value } as FormValues;
    // The region and environment decide the Ascenda host (INFERRED pattern); "custom" leaves it to the agent.
    if (field === 'ascendaRegion' || field === 'environment') {
      const host = ascendaHostFor(next.ascendaRegion, next.environment);
      if (host) next.ascendaBaseUrl = host;
    }
    setValues(next);
    setErrors({ ...errors, [field]: undefined, form: undefined });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
    const rates = parsePerCurrency(values.pointRates);
    const maxima = parsePerCurrency(values.maxOrderValues);
    if (typeof rates === 'string' || typeof maxima === 'string') {
      setErrors({
        pointRates: typeof rates === 'string' ? rates : undefined,
        maxOrderValues: typeof maxima === 'string' ? maxima : undefined,
      });
      return;
    }
    const candidate = {
      ...values,
      pointRates: rates,
      maxOrderValues: maxima,
      duplicateWindowDays: number(values.duplicateWindowDays),
      unknownStatusAlertHours: number(values.unknownStatusAlertHours),
      // "1000, 250" → [1000, 250]; a word that is not a number stays NaN so the schema names it.
      lowBalanceThresholds: values.lowBalanceThresholds
        .split(/[,\s]+/)
        .filter(Boolean)
        .map((word) => number(word.replace(/_/g, ''))),
    };
    const schema = builtIn
      ? profileDraftSchema.pick({
          pointRates: true,
          agentName: true,
          lowBalanceThresholds: true,
          depositCurrency: true,
          fundingPortalUrl: true,
          duplicateWindowDays: true,
          unknownStatusAlertHours: true,
        })
      : profileDraftSchema;
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) found[issue.path[0] as keyof FormValues] ??= issue.message;
      setErrors(found);
      return;
    }
    setSaving(true);
    const reply = await onSubmit(parsed.data);
    setSaving(false);
    if (reply.ok) return onDone();
    const found: Errors = { form: reply.error.message };
    const details = Array.isArray(reply.error.details)
      ? (reply.error.details as Array<{ path?: string[]; message?: string }>)
      : [];
    for (const detail of details) {
      const field = detail.path?.at(-1) as keyof FormValues | undefined;
      if (field && field in values) found[field] ??= detail.message;
    }
    setErrors(found);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Heading slot="title">{profile ? `Edit ${profile.name}` : 'New profile'}</Heading>
      {builtIn && (
        <p className="hint">
          The Sandbox is built in: only your own settings (points rates, name, alerts, duplicate window,
          deposit currency) can change.
        </p>
      )}
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      {!builtIn && (
        <>
          <TextField
            label="Profile name"
            error={errors.name}
            value={values.name}
            onChange={(value) => change('name', value)}
            autoFocus
          />
          <RadioGroup
            legend="Environment"
            name="environment"
            className="radio-row"
            options={[
              ['uat', 'UAT (test)'],
              ['production', 'Production (real money)'],
            ]}
            value={values.environment}
            onChange={(environment) => change('environment', environment)}
          />
          <Field label="Ascenda region" error={errors.ascendaRegion}>
            {(props) => (
              <select
                {...props}
                value={values.ascendaRegion}
                onChange={(e) => change('ascendaRegion', e.target.value)}
              >
                {ASCENDA_REGIONS.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            label="Ascenda base URL"
            error={errors.ascendaBaseUrl}
            hint="Filled in from the region; choose Custom URL to type your own."
            value={values.ascendaBaseUrl}
            onChange={(value) => change('ascendaBaseUrl', value)}
            readOnly={values.ascendaRegion !== 'custom'}
            spellCheck={false}
          />
          <TextField
            label="GiftCard Partners base URL"
            error={errors.gcpBaseUrl}
            hint="From your account manager, e.g. https://api.example.com"
            value={values.gcpBaseUrl}
            onChange={(value) => change('gcpBaseUrl', value)}
            spellCheck={false}
          />
        </>
      )}
      <TextField
        label="Cost per point, by currency"
        error={errors.pointRates}
        hint="e.g. USD 0.01, JPY 1. Members pay face value ÷ the rate of the card’s currency; a currency without a rate shows “points unknown”."
        value={values.pointRates}
        onChange={(value) => change('pointRates', value)}
        spellCheck={false}
        autoFocus={builtIn}
      />
      {!builtIn && values.environment === 'production' && (
        <TextField
          label="Largest order value on Production, by currency"
          error={errors.maxOrderValues}
          hint="e.g. USD 500, JPY 50000. A guard against a slipped digit: a bigger order, or one in a currency not listed, is refused before it is sent."
          value={values.maxOrderValues}
          onChange={(value) => change('maxOrderValues', value)}
          spellCheck={false}
        />
      )}
      <TextField
        label="Duplicate window (days)"
        error={errors.duplicateWindowDays}
        hint="The same member, card and value within this many days needs a typed reason to place again."
        value={values.duplicateWindowDays}
        onChange={(value) => change('duplicateWindowDays', value)}
        inputMode="numeric"
      />
      <TextField
        label="Alert on an unknown item status after (hours)"
        error={errors.unknownStatusAlertHours}
        hint="A status the desk does not know is never success or failure; it alerts after this long."
        value={values.unknownStatusAlertHours}
        onChange={(value) => change('unknownStatusAlertHours', value)}
        inputMode="decimal"
      />
      <TextField
        label="Low-balance alerts below"
        error={errors.lowBalanceThresholds}
        hint="GiftCard Partners deposit amounts, e.g. 1000, 250 (at most 5; each alerts at most once a day)."
        value={values.lowBalanceThresholds}
        onChange={(value) => change('lowBalanceThresholds', value)}
      />
      <TextField
        label="Deposit currency"
        error={errors.depositCurrency}
        hint="The GiftCard Partners deposit’s currency code, e.g. USD: thresholds, runway and quotes are in it. Empty: the first balance reading’s."
        value={values.depositCurrency ?? ''}
        onChange={(value) => change('depositCurrency', value)}
        maxLength={3}
        autoCapitalize="characters"
        spellCheck={false}
      />
      <TextField
        label="Funding portal address"
        error={errors.fundingPortalUrl}
        hint="Where “Request funding” opens (the supplier’s portal), http:// or https://."
        value={values.fundingPortalUrl ?? ''}
        onChange={(value) => change('fundingPortalUrl', value)}
        spellCheck={false}
      />
      <TextField
        label="Your name for the audit log"
        error={errors.agentName}
        value={values.agentName}
        onChange={(value) => change('agentName', value)}
      />
      <div className="dialog-actions">
        <Button slot="close" className="button">
          Cancel
        </Button>
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : profile ? 'Save changes' : 'Create profile'}
        </button>
      </div>
    </form>
  );
}
