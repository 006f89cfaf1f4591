import { protocol } from 'electron';
import { rendererCsp } from '../ipc/csp';
import { loadAsset } from '../ipc/static-files';
import { RENDERER_HOST, RENDERER_SCHEME } from './renderer-origin';

/** Must run before app 'ready'. */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves only the built renderer folder, with the CSP as a real header. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const url = new URL(request.url);
    const asset = url.host === RENDERER_HOST ? await loadAsset(rendererDir, url.pathname) : null;
    if (!asset) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(asset.body), {
      headers: {
        'Content-Type': asset.contentType,
        'Content-Security-Policy': rendererCsp(),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
