import { useEffect, useState } from 'react';
import { followFragment } from './navigation';
import { BalanceAlerts } from './components/BalanceAlerts';
import { CommandPalette } from './components/CommandPalette';
import { AppInfoPanel } from './components/AppInfoPanel';
import { ConnectionBanner } from './components/ConnectionBanner';
import { HealthBanners } from './components/HealthBanners';
import { EnvironmentBadge } from './components/EnvironmentBadge';
import { Sidebar } from './components/Sidebar';
import { ScreenView } from './screens/ScreenView';
import { useGlobalEvents } from './global-events';
import { useLookupStore } from './state/lookup';
import { useShellStore } from './state/shell';
import { useOutsideNavigation, useReferenceSelection } from './outside-navigation';

export function App() {
  const { screen, info, sandbox, error, linkProblem, setScreen, load } = useShellStore();
  const [palette, setPalette] = useState(false);
  useOutsideNavigation();
  useReferenceSelection();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Ctrl+K (Cmd+K on a Mac) from anywhere, even inside a text field.
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPalette(true);
        return;
      }
      // "/" goes to the screen's search box, unless the agent is typing somewhere.
      if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
        const box = document.querySelector<HTMLElement>('main [data-search], main [role="search"] input');
        if (box) {
          event.preventDefault();
          box.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    // A link into the desk (#member=<id>) opens on what it names, at start and while the desk is open.
    const onHash = () => followFragment(window.location.hash);
    window.addEventListener('hashchange', onHash);
    if (window.desk) onHash();
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
  useGlobalEvents();

  return (
    <div className="shell">
      <header className="topbar">
        <span className="product">Fulfillment Desk</span>
        {info && (
          <>
            <span className="profile-name">{info.activeProfile.name}</span>
            <EnvironmentBadge environment={info.activeProfile.environment} />
          </>
        )}
      </header>
      <aside className="side">
        <Sidebar current={screen} onSelect={setScreen} />
        {info && <AppInfoPanel info={info} sandbox={sandbox} />}
      </aside>
      <main className="content">
        <ConnectionBanner />
        {error && (
          <div className="banner banner-error" role="alert">
            <strong>Cannot reach the desk backend ({error.code}).</strong> {error.message}
            <button type="button" onClick={() => void load()}>
              Retry
            </button>
          </div>
        )}
        {info?.activeProfile.environment === 'production' && (
          <p className="banner banner-production" role="note" aria-label="Production profile">
            PRODUCTION — “{info.activeProfile.name}” places real orders that spend real money for real
            members.
          </p>
        )}
        {info && <HealthBanners profileId={info.activeProfile.id} />}
        <BalanceAlerts screen={screen} onOpen={() => setScreen('balance')} />
        {linkProblem && (
          <p className="banner banner-warning" role="alert">
            {linkProblem}
          </p>
        )}
        {info?.warnings.map((warning) => (
          <p key={warning} className="banner banner-warning" role="alert">
            {warning}
          </p>
        ))}
        {/* Keyed by the profile: a switch remounts the screen, so no form or selection of the last one stays.
            Settings manages every profile, so what it just said (e.g. "deleted") survives the switch it causes. */}
        <ScreenView
          key={screen === 'settings' ? 'settings' : (info?.activeProfile.id ?? 'none')}
          screen={screen}
        />
      </main>
      <CommandPalette
        isOpen={palette}
        onOpenChange={setPalette}
        onScreen={setScreen}
        onLookup={(query) => {
          setScreen('lookup');
          void useLookupStore.getState().search(query);
        }}
      />
    </div>
  );
}

/** Whether a key press is text the agent is typing (a field, a text area, an editable element). */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    Boolean(target.closest('input, textarea, select, [contenteditable="true"]'))
  );
}
