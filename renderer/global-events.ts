import { useEffect } from 'react';
import { bridgeLink } from './bridge/ws-desk';
import { useBalanceStore } from './state/balance';
import { useBulkStore } from './state/bulk';
import { useCatalogueStore } from './state/catalogue';
import { useHistoryStore } from './state/history';
import { useLookupStore } from './state/lookup';
import { usePlacementStore } from './state/placement';
import { clearPerProfileState } from './state/profile-switch';
import { useProgramsStore } from './state/programs';
import { useQueuesStore } from './state/queues';
import { useScheduleStore } from './state/schedule';
import { useSettingsStore } from './state/settings';
import { useShellStore } from './state/shell';

/** The profile the desk shows now; undefined until the shell has loaded. */
export const activeProfileId = (): string | undefined => useShellStore.getState().info?.activeProfile.id;

/** Whether an event about `profileId` concerns the profile on screen: another profile's news is not shown. */
export const isActiveProfile = (profileId: string): boolean => profileId === activeProfileId();

/** Every screen's data read again: after a profile switch, or a bridge that was down and missed events. */
function reloadAll(): void {
  void useShellStore.getState().load();
  void useSettingsStore.getState().load();
  void useHistoryStore.getState().loadStatus();
  void usePlacementStore.getState().load();
  void useCatalogueStore.getState().load();
  void useBalanceStore.getState().load();
  void useQueuesStore.getState().loadSummary();
  void useScheduleStore.getState().load();
}

/**
 * The one place where main's events become renderer state (like Actual's `global-events.ts`): the shell loads,
 * the sidebar's counts and alerts start, and each event lands in its state for the active profile only.
 */
export function useGlobalEvents(): void {
  useEffect(() => {
    void useShellStore.getState().load();
    const api = window.desk;
    if (!api) return;
    // Balance alerts in force show on every screen from the start, not only after the Balance screen opened; so
    // do the work queues' counts and the background sync's status in the sidebar.
    void useBalanceStore.getState().load();
    void useQueuesStore.getState().loadSummary();
    void useScheduleStore.getState().load();
    const off = [
      // Another window or a service may switch the profile: the badge and every screen follow.
      api.on('profiles.changed', ({ activeProfileId: next }) => {
        if (!isActiveProfile(next)) clearPerProfileState();
        reloadAll();
      }),
      // Events sent while the bridge was down are gone: every screen reads again once it is back.
      bridgeLink.subscribe((_link, reconnected) => reconnected && reloadAll()),
      api.on('queues.changed', ({ profileId }) => {
        if (isActiveProfile(profileId)) void useQueuesStore.getState().loadSummary();
      }),
      api.on('schedule.updated', (status) => {
        if (isActiveProfile(status.profileId)) useScheduleStore.getState().onStatus(status);
      }),
      api.on('bulk.progress', (batch) => {
        if (isActiveProfile(batch.profileId)) useBulkStore.getState().onProgress(batch);
      }),
      api.on('history.progress', (progress) => {
        if (isActiveProfile(progress.profileId)) useHistoryStore.getState().onSyncProgress(progress);
      }),
      api.on('history.exportProgress', (progress) => useHistoryStore.getState().onExportProgress(progress)),
      api.on('balance.updated', ({ profileId, status }) => {
        if (isActiveProfile(profileId)) useBalanceStore.getState().onStatus(status);
      }),
      api.on('balance.alert', (alert) => {
        if (!isActiveProfile(alert.profileId)) return;
        useBalanceStore.getState().onAlert(alert);
        // In Electron main shows the desktop notification; in a browser the page does.
        if (useShellStore.getState().info?.transport === 'bridge') notify(alert.title, alert.body);
      }),
      api.on('catalogue.updated', ({ profileId }) => {
        if (isActiveProfile(profileId)) {
          void useCatalogueStore.getState().load();
          if (useProgramsStore.getState().snapshot) void useProgramsStore.getState().load();
        }
        void useBalanceStore.getState().load();
        void useQueuesStore.getState().loadSummary();
        void useScheduleStore.getState().load();
      }),
      api.on('placements.updated', (placement) => {
        usePlacementStore.getState().onUpdated(placement, activeProfileId());
        if (isActiveProfile(placement.profileId))
          void useLookupStore.getState().onPlacementUpdated(placement);
      }),
      api.on('placements.notice', (notice) => {
        // In Electron main shows the notification; in a browser the page does, and its click opens the screen.
        if (useShellStore.getState().info?.transport === 'bridge')
          notify(notice.title, notice.body, () => useShellStore.getState().navigate(notice.open));
      }),
    ];
    return () => off.forEach((unsubscribe) => unsubscribe());
  }, []);
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
