import { protocol } from 'electron';
import { rendererResponse } from '../ipc/renderer-response';
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
    const page = url.host === RENDERER_HOST ? await rendererResponse(rendererDir, url.pathname) : null;
    if (!page) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(page.body), { headers: page.headers });
  });
}
