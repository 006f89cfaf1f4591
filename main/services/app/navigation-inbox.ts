import type { Navigation } from '../../../shared/screens';

/**
 * Navigation asked for from outside the page (a desk link, a notification click, the native menu). It waits here
 * until the page takes it, so a link that starts the desk is not lost while the window is still loading; a newer
 * request replaces an older one not yet taken.
 */
export class NavigationInbox {
  private pending: Navigation | null = null;

  constructor(private readonly announce: (navigation: Navigation) => void) {}

  push(navigation: Navigation): void {
    this.pending = navigation;
    this.announce(navigation);
  }

  take(): Navigation | null {
    const navigation = this.pending;
    this.pending = null;
    return navigation;
  }
}
