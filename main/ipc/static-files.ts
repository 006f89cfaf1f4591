import { readFile } from 'node:fs/promises';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Maps a request path to a file inside `root`, or null when it would escape it. Used by both the Electron
 * app:// protocol and the bridge's HTTP server, so only our own built files are ever served.
 */
export function resolveAsset(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  const rootWithSep = path.resolve(root) + path.sep;
  return resolved.startsWith(rootWithSep) ? resolved : null;
}

export interface Asset {
  body: Buffer;
  contentType: string;
}

export async function loadAsset(root: string, requestPath: string): Promise<Asset | null> {
  const file = resolveAsset(root, requestPath);
  if (!file) return null;
  try {
    const body = await readFile(file);
    return { body, contentType: MIME[path.extname(file)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
