import { shell, type Session, type WebContents } from 'electron';
import { isSafeExternalUrl } from './url-guard';

/** No page of ours needs the camera, notifications-by-prompt, geolocation or anything else a permission guards. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Every web contents: no navigation away from the app, no new windows, no <webview>. http(s) links the user
 * clicks go to the OS browser, and only after the parsed-URL guard.
 */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Reviewed: only an absolute http(s) URL with a host and no credentials passes isSafeExternalUrl.
    if (isSafeExternalUrl(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' };
  });
}
