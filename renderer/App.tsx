import { useEffect, useState } from 'react';
import { followFragment } from './navigation';
import { BalanceAlerts } from './components/BalanceAlerts';
import { CommandPalette } from './components/CommandPalette';
import { AppInfoPanel } from './components/AppInfoPanel';
import { ConnectionBanner } from './components/ConnectionBanner';
import { HealthBanners } from './components/HealthBanners';
import { bridgeLink } from './bridge/ws-desk';
import { EnvironmentBadge } from './components/EnvironmentBadge';
import { Sidebar } from './components/Sidebar';
import { ScreenView } from './screens/ScreenView';
import { useBalanceStore } from './state/balance';
import { useBulkStore } from './state/bulk';
import { useCatalogueStore } from './state/catalogue';
import { useProgramsStore } from './state/programs';
import { useHistoryStore } from './state/history';
import { useLookupStore } from './state/lookup';
import { clearPerProfileState } from './state/profile-switch';
import { usePlacementStore } from './state/placement';
import { useQueuesStore } from './state/queues';
import { useScheduleStore } from './state/schedule';
import { useSettingsStore } from './state/settings';
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
  useEffect(() => {
    void load();
    // Balance alerts in force show on every screen from the start, not only after the Balance screen opened; so
    // do the work queues' counts and the background sync's status in the sidebar.
    if (window.desk) {
      void useBalanceStore.getState().load();
      void useQueuesStore.getState().loadSummary();
      void useScheduleStore.getState().load();
    }
    // Another window or a service may switch the profile: the badge and every screen follow.
    const api = window.desk;
    if (!api) return;
    const reloadAll = () => {
      void load();
      void useSettingsStore.getState().load();
      void useHistoryStore.getState().loadStatus();
      void usePlacementStore.getState().load();
      void useCatalogueStore.getState().load();
      void useBalanceStore.getState().load();
      void useQueuesStore.getState().loadSummary();
      void useScheduleStore.getState().load();
    };
    const off = [
      api.on('profiles.changed', ({ activeProfileId }) => {
        if (activeProfileId !== useShellStore.getState().info?.activeProfile.id) clearPerProfileState();
        reloadAll();
      }),
      api.on('queues.changed', ({ profileId }) => {
        if (profileId === useShellStore.getState().info?.activeProfile.id)
          void useQueuesStore.getState().loadSummary();
      }),
      api.on('schedule.updated', (status) => {
        if (status.profileId === useShellStore.getState().info?.activeProfile.id)
          useScheduleStore.getState().onStatus(status);
      }),
      api.on('bulk.progress', (batch) => {
        if (batch.profileId === useShellStore.getState().info?.activeProfile.id)
          useBulkStore.getState().onProgress(batch);
      }),
      // Events sent while the bridge was down are gone: every screen reads again once it is back.
      bridgeLink.subscribe((_link, reconnected) => reconnected && reloadAll()),
      api.on('history.progress', (progress) => {
        if (progress.profileId === useShellStore.getState().info?.activeProfile.id) {
          useHistoryStore.getState().onSyncProgress(progress);
        }
      }),
      api.on('history.exportProgress', (progress) => useHistoryStore.getState().onExportProgress(progress)),
      api.on('balance.updated', ({ profileId, status }) => {
        if (profileId === useShellStore.getState().info?.activeProfile.id)
          useBalanceStore.getState().onStatus(status);
      }),
      api.on('balance.alert', (alert) => {
        if (alert.profileId !== useShellStore.getState().info?.activeProfile.id) return;
        useBalanceStore.getState().onAlert(alert);
        // In Electron main shows the desktop notification; in a browser the page does.
        if (useShellStore.getState().info?.transport === 'bridge') notify(alert.title, alert.body);
      }),
      api.on('catalogue.updated', ({ profileId }) => {
        if (profileId === useShellStore.getState().info?.activeProfile.id) {
          void useCatalogueStore.getState().load();
          if (useProgramsStore.getState().snapshot) void useProgramsStore.getState().load();
        }
        void useBalanceStore.getState().load();
        void useQueuesStore.getState().loadSummary();
        void useScheduleStore.getState().load();
      }),
      api.on('queues.changed', ({ profileId }) => {
        if (profileId === useShellStore.getState().info?.activeProfile.id)
          void useQueuesStore.getState().loadSummary();
      }),
      api.on('schedule.updated', (status) => {
        if (status.profileId === useShellStore.getState().info?.activeProfile.id)
          useScheduleStore.getState().onStatus(status);
      }),
      api.on('bulk.progress', (batch) => {
        if (batch.profileId === useShellStore.getState().info?.activeProfile.id)
          useBulkStore.getState().onProgress(batch);
      }),
      api.on('placements.updated', (placement) => {
        usePlacementStore.getState().onUpdated(placement, useShellStore.getState().info?.activeProfile.id);
        if (placement.profileId === useShellStore.getState().info?.activeProfile.id)
          void useLookupStore.getState().onPlacementUpdated(placement);
      }),
      api.on('placements.notice', (notice) => {
        // In Electron main shows the notification; in a browser the page does, and its click opens the screen.
        if (useShellStore.getState().info?.transport === 'bridge')
          notify(notice.title, notice.body, () => useShellStore.getState().navigate(notice.open));
      }),
    ];
    return () => off.forEach((unsubscribe) => unsubscribe());
  }, [load]);

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

/** A desktop notification from the browser, asking for permission the first time; a click focuses the desk. */
function notify(title: string, body: string, onClick?: () => void): void {
  if (!('Notification' in window)) return;
  const show = () => {
    const notification = new Notification(title, { body });
    notification.onclick = () => {
      window.focus();
      onClick?.();
      notification.close();
    };
  };
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default')
    void Notification.requestPermission().then((permission) => permission === 'granted' && show());
}
