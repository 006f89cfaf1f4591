import { Notification } from 'electron';
import type { EventBus } from '../ipc/event-bus';

/** Balance alerts as OS notifications (the renderer shows them in the window as well). */
export function notifyBalanceAlerts(bus: EventBus, icon: string): () => void {
  return bus.subscribeAll((event, payload) => {
    if (event !== 'balance.alert' || !Notification.isSupported()) return;
    const alert = payload as { title: string; body: string };
    new Notification({ title: alert.title, body: alert.body, icon }).show();
  });
}
