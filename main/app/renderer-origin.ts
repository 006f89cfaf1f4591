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
    return new URL(frame.url).origin === RENDERER_ORIGIN;
  } catch {
    return false;
  }
}
