/**
 * The renderer's Content-Security-Policy, shared by the Electron protocol handler and the browser bridge.
 * No inline script, no eval, no inline style without the per-page nonce, nothing remote except https images.
 */
export function rendererCsp(options: { connectSrc?: string; styleNonce?: string } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The accessibility primitives (React Aria) add small <style> elements; they carry the page's nonce.
    `style-src 'self'${options.styleNonce ? ` 'nonce-${options.styleNonce}'` : ''}`,
    "img-src 'self' data: https:",
    "font-src 'self'",
    `connect-src 'self'${options.connectSrc ? ` ${options.connectSrc}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
  ].join('; ');
}
