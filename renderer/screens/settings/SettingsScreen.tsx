import { useEffect, useState } from 'react';
import { ENVIRONMENT_LABELS } from '../../components/EnvironmentBadge';
import { useSettingsStore } from '../../state/settings';
import { useShellStore } from '../../state/shell';
import { ConformancePanel } from './ConformancePanel';
import { ConnectionPanel } from './ConnectionPanel';
import { CredentialsPanel } from './CredentialsPanel';
import { DiagnosticsPanel, UpdatesPanel } from './DeskPanels';
import { DeleteProfileDialog } from './DeleteProfileDialog';
import { LegacyRate } from './LegacyRate';
import { formatPerCurrency } from './per-currency';
import { ProfileDialog } from './ProfileDialog';
import { ProfileList } from './ProfileList';
import { Fact } from '../../components/Fact';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Screen } from '../Screen';

type DialogState = 'none' | 'create' | 'edit' | 'delete';

/** Profiles, their keychain credentials, connection tests, and which profile the desk uses. */
export function SettingsScreen() {
  const settings = useSettingsStore();
  const activeId = useShellStore((s) => s.info?.activeProfile.id ?? null);
  const [dialog, setDialog] = useState<DialogState>('none');
  const [notice, setNotice] = useState('');
  const { load } = settings;
  useEffect(() => {
    void load();
  }, [load]);

  const selected = settings.profiles.find((p) => p.id === settings.selectedId) ?? null;
  const setOpen = (which: DialogState) => (open: boolean) => setDialog(open ? which : 'none');

  return (
    <Screen name="settings" title="Settings">
      <ErrorBanner error={settings.error} />
      <div className="settings-layout">
        <div className="settings-profiles">
          <h2>Profiles</h2>
          <ProfileList
            profiles={settings.profiles}
            selectedId={settings.selectedId}
            activeId={activeId}
            onSelect={settings.select}
          />
          <button type="button" className="button button-primary" onClick={() => setDialog('create')}>
            New profile
          </button>
        </div>
        {selected && (
          <div className="settings-detail" aria-labelledby="profile-heading">
            <header className="detail-header">
              <h2 id="profile-heading">{selected.name}</h2>
              <span className={`env-tag env-${selected.environment}`}>
                {ENVIRONMENT_LABELS[selected.environment]}
              </span>
              {selected.id === activeId ? (
                <span className="active-tag">Active profile</span>
              ) : (
                <button
                  type="button"
                  className="button button-primary"
                  onClick={async () => {
                    const reply = await settings.activate(selected.id);
                    setNotice(reply.ok ? `The desk now uses “${reply.value.name}”.` : reply.error.message);
                  }}
                >
                  Use this profile
                </button>
              )}
            </header>
            <p role="status" className="notice">
              {notice}
            </p>
            {selected.environment === 'production' && (
              <p className="banner banner-production">
                Production: orders placed with this profile spend real money and reach real members.
              </p>
            )}
            <section aria-labelledby="details-heading">
              <h3 id="details-heading">Details</h3>
              <dl className="facts">
                {!selected.builtIn && (
                  <>
                    <div>
                      <dt>Ascenda</dt>
                      <dd className="path">{selected.ascendaBaseUrl}</dd>
                    </div>
                    <div>
                      <dt>GiftCard Partners</dt>
                      <dd className="path">{selected.gcpBaseUrl}</dd>
                    </div>
                  </>
                )}
                {selected.builtIn && <Fact term="Suppliers">Local simulators, started when first used</Fact>}
                <Fact term="Cost per point">
                  {formatPerCurrency(selected.pointRates) || 'none set: points are unknown'}
                </Fact>
                {selected.environment === 'production' && (
                  <Fact term="Largest order">
                    {formatPerCurrency(selected.maxOrderValues) || 'none set: Production refuses orders'}
                  </Fact>
                )}
                <Fact term="Duplicate window">{selected.duplicateWindowDays} days</Fact>
                <Fact term="Agent name">{selected.agentName}</Fact>
              </dl>
              {selected.legacyRate && <LegacyRate profile={selected} />}
              <div className="row">
                <button type="button" className="button" onClick={() => setDialog('edit')}>
                  Edit profile
                </button>
                {!selected.builtIn && (
                  <button type="button" className="button button-danger" onClick={() => setDialog('delete')}>
                    Delete profile
                  </button>
                )}
              </div>
            </section>
            <section aria-labelledby="credentials-heading">
              <h3 id="credentials-heading">Credentials</h3>
              <CredentialsPanel status={settings.secrets[selected.id]} />
            </section>
            <section aria-labelledby="connection-heading">
              <h3 id="connection-heading">Connection</h3>
              <ConnectionPanel profileId={selected.id} />
            </section>
            <section aria-labelledby="conformance-heading">
              <h3 id="conformance-heading">Supplier conformance</h3>
              <ConformancePanel profile={selected} />
            </section>
            <DeleteProfileDialog
              profile={selected}
              isOpen={dialog === 'delete'}
              onOpenChange={setOpen('delete')}
              onConfirm={async () => {
                const reply = await settings.remove(selected.id);
                if (reply.ok)
                  setNotice(
                    `Deleted; ${reply.value.secretsCleared} credentials removed from the keychain. Its journal and audit log are archived (${reply.value.archive}).`,
                  );
                return reply;
              }}
            />
          </div>
        )}
      </div>
      <div className="settings-desk">
        <DiagnosticsPanel />
        <UpdatesPanel />
      </div>
      <ProfileDialog
        profile={dialog === 'edit' ? selected : null}
        isOpen={dialog === 'create' || dialog === 'edit'}
        onOpenChange={setOpen(dialog === 'edit' ? 'edit' : 'create')}
        onSubmit={(values) =>
          dialog === 'edit' && selected
            ? settings.update(selected.id, values)
            : settings.create(values as Parameters<typeof settings.create>[0])
        }
      />
    </Screen>
  );
}
