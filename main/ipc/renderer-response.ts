import { randomBytes } from 'node:crypto';
import { rendererCsp } from './csp';
import { loadAsset } from './static-files';

/** The placeholder in index.html that each served page replaces with a fresh nonce. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

export interface RendererResponse {
  body: Buffer;
  headers: Record<string, string>;
}

/**
 * One built renderer file with its security headers, for both the app:// protocol and the bridge. HTML pages get
 * a fresh style nonce, in the CSP header and in `<meta name="csp-nonce">` where React Aria reads it.
 */
export async function rendererResponse(
  root: string,
  requestPath: string,
  csp: { connectSrc?: string } = {},
): Promise<RendererResponse | null> {
  const asset = await loadAsset(root, requestPath);
  if (!asset) return null;
  let body = asset.body;
  let styleNonce: string | undefined;
  if (asset.contentType.startsWith('text/html')) {
    styleNonce = randomBytes(16).toString('base64');
    body = Buffer.from(body.toString('utf8').replaceAll(NONCE_PLACEHOLDER, styleNonce));
  }
  return {
    body,
    headers: {
      'Content-Type': asset.contentType,
      'Content-Security-Policy': rendererCsp({ ...csp, styleNonce }),
      'X-Content-Type-Options': 'nosniff',
    },
  };
}
