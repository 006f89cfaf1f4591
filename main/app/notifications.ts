import { Notification } from 'electron';
import type { PlacementNotice } from '../../shared/notices';
import type { EventBus } from '../ipc/event-bus';

/**
 * Balance alerts and placement notices as OS notifications (the renderer shows balance alerts in the window as
 * well). Clicking a placement notice opens the screen it names. Notifications are kept referenced until closed:
 * one collected early would lose its click.
 */
export function notifyDesktop(
  bus: EventBus,
  icon: string,
  onOpen: (notice: PlacementNotice) => void,
): () => void {
  const showing = new Set<Notification>();
  return bus.subscribeAll((event, payload) => {
    if (!Notification.isSupported()) return;
    if (event === 'balance.alert') {
      const alert = payload as { title: string; body: string };
      new Notification({ title: alert.title, body: alert.body, icon }).show();
    } else if (event === 'placements.notice') {
      const notice = payload as PlacementNotice;
      const notification = new Notification({ title: notice.title, body: notice.body, icon });
      showing.add(notification);
      notification.on('click', () => onOpen(notice));
      notification.on('close', () => showing.delete(notification));
      notification.show();
    }
  });
}
