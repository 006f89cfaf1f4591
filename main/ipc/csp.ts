/**
 * The renderer's Content-Security-Policy, shared by the Electron protocol handler and the browser bridge.
 * No inline script, no eval, nothing remote except images over https (supplier logos arrive in later issues).
 */
export function rendererCsp(options: { connectSrc?: string } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
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
