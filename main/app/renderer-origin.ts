/** The renderer is served from our own privileged scheme instead of file:// (no file-system reach). */
export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'desk';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;
export const RENDERER_ENTRY = `${RENDERER_ORIGIN}/index.html`;

/** The part of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** Only our own top-level renderer may call main: not an iframe, not a page that navigated elsewhere. */
export function isTrustedSenderFrame(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    // Compare scheme and host: Node's URL reports origin "null" for schemes it does not know, such as app:.
    const url = new URL(frame.url);
    return url.protocol === `${RENDERER_SCHEME}:` && url.host === RENDERER_HOST;
  } catch {
    return false;
  }
}
