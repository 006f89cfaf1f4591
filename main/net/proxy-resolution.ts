import { isIP } from 'node:net';
import { getProxyForUrl } from 'proxy-from-env';

/** How one request leaves the machine: straight to the host, or through a proxy (its URL, scheme included). */
export type ProxyChoice = { kind: 'direct' } | { kind: 'proxy'; url: string };

export const DIRECT: ProxyChoice = { kind: 'direct' };

/** Loopback never goes through a proxy: the supplier simulators listen there, and no proxy could reach them. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host);
  return false;
}

const PAC_SCHEMES: Record<string, string> = {
  PROXY: 'http',
  HTTP: 'http',
  HTTPS: 'https',
  SOCKS: 'socks4',
  SOCKS4: 'socks4',
  SOCKS5: 'socks5',
};

/**
 * Chromium's answer for a URL (Electron's `session.resolveProxy`): a PAC-style list such as
 * `PROXY proxy.corp:8080; DIRECT`, in order of preference. The first entry the desk can use wins; entries it
 * cannot (QUIC) are skipped; an empty or unusable answer means direct.
 */
export function parsePacResult(result: string): ProxyChoice {
  for (const entry of result.split(';')) {
    const [type = '', hostPort = ''] = entry.trim().split(/\s+/);
    const keyword = type.toUpperCase();
    if (keyword === 'DIRECT') return DIRECT;
    const scheme = PAC_SCHEMES[keyword];
    if (scheme && /^[^\s/@]+:\d{1,5}$/.test(hostPort))
      return { kind: 'proxy', url: `${scheme}://${hostPort}` };
  }
  return DIRECT;
}

/**
 * The browser bridge's answer, from the environment like every command-line tool: HTTPS_PROXY / HTTP_PROXY /
 * ALL_PROXY, minus NO_PROXY (proxy-from-env's reading of them, upper or lower case).
 */
export function proxyFromEnvironment(url: string): ProxyChoice {
  const proxy = getProxyForUrl(url);
  if (!proxy) return DIRECT;
  try {
    const parsed = new URL(proxy);
    if (!['http:', 'https:', 'socks:', 'socks4:', 'socks5:'].includes(parsed.protocol)) return DIRECT;
    return { kind: 'proxy', url: parsed.toString().replace(/\/$/, '') };
  } catch {
    return DIRECT;
  }
}

/** Resolves a URL's proxy with `source`, except on loopback, which is always direct. */
export async function choose(
  url: string,
  source: (url: string) => ProxyChoice | Promise<ProxyChoice>,
): Promise<ProxyChoice> {
  const { hostname } = new URL(url);
  return isLoopbackHost(hostname) ? DIRECT : source(url);
}
