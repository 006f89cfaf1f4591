import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  choose,
  DIRECT,
  isLoopbackHost,
  parsePacResult,
  proxyFromEnvironment,
} from '../../main/net/proxy-resolution';
import { trustedCertificates } from '../../main/net/trusted-certificates';

const saved = { ...process.env };
afterEach(() => {
  for (const name of [
    'HTTPS_PROXY',
    'https_proxy',
    'HTTP_PROXY',
    'http_proxy',
    'ALL_PROXY',
    'all_proxy',
    'NO_PROXY',
    'no_proxy',
  ]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
const clearProxyEnv = () => {
  for (const name of [
    'HTTPS_PROXY',
    'https_proxy',
    'HTTP_PROXY',
    'http_proxy',
    'ALL_PROXY',
    'all_proxy',
    'NO_PROXY',
    'no_proxy',
  ])
    delete process.env[name];
};

describe('proxy resolution', () => {
  it('reads Chromium’s answer for a URL (system settings, PAC, WPAD) in order of preference', () => {
    expect(parsePacResult('DIRECT')).toEqual(DIRECT);
    expect(parsePacResult('PROXY proxy.corp:8080; DIRECT')).toEqual({
      kind: 'proxy',
      url: 'http://proxy.corp:8080',
    });
    expect(parsePacResult('HTTPS secure-proxy.corp:443')).toEqual({
      kind: 'proxy',
      url: 'https://secure-proxy.corp:443',
    });
    expect(parsePacResult('SOCKS5 10.0.0.5:1080')).toEqual({ kind: 'proxy', url: 'socks5://10.0.0.5:1080' });
    expect(parsePacResult('SOCKS 10.0.0.5:1080')).toEqual({ kind: 'proxy', url: 'socks4://10.0.0.5:1080' });
    // What the desk cannot use is skipped for the next choice; nothing usable means direct.
    expect(parsePacResult('QUIC quic.corp:443; PROXY fallback.corp:3128')).toEqual({
      kind: 'proxy',
      url: 'http://fallback.corp:3128',
    });
    expect(parsePacResult('PROXY no-port-given')).toEqual(DIRECT);
    expect(parsePacResult('PROXY user:pw@proxy.corp:8080')).toEqual(DIRECT);
    expect(parsePacResult('')).toEqual(DIRECT);
  });

  it('takes HTTPS_PROXY from the environment for the bridge, minus NO_PROXY, upper or lower case', () => {
    clearProxyEnv();
    expect(proxyFromEnvironment('https://api.ascenda.test/v1')).toEqual(DIRECT);
    process.env.https_proxy = 'http://proxy.corp:3128';
    expect(proxyFromEnvironment('https://api.ascenda.test/v1')).toEqual({
      kind: 'proxy',
      url: 'http://proxy.corp:3128',
    });
    process.env.NO_PROXY = 'internal.corp,.ascenda.test';
    expect(proxyFromEnvironment('https://api.ascenda.test/v1')).toEqual(DIRECT);
    expect(proxyFromEnvironment('https://api.giftcardpartners.test/v1')).toMatchObject({ kind: 'proxy' });
    process.env.https_proxy = 'ftp://nonsense';
    expect(proxyFromEnvironment('https://api.giftcardpartners.test/v1')).toEqual(DIRECT);
  });

  it('never proxies loopback, whatever the environment or the system says', async () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', 'sim.localhost', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['10.0.0.1', 'localhost.corp', '128.0.0.1', 'api.ascenda.test', '[::2]'])
      expect(isLoopbackHost(host)).toBe(false);
    const everythingProxied = () => ({ kind: 'proxy' as const, url: 'http://proxy.corp:3128' });
    expect(await choose('http://127.0.0.1:41234/oauth/token', everythingProxied)).toEqual(DIRECT);
    expect(await choose('http://localhost:41234/', everythingProxied)).toEqual(DIRECT);
    expect(await choose('https://api.ascenda.test/', everythingProxied)).toMatchObject({ kind: 'proxy' });
  });
});

describe('trusted certificates in the desktop app', () => {
  const pem = (n: number) => `-----BEGIN CERTIFICATE-----\nCERT${n}\n-----END CERTIFICATE-----\n`;

  it('adds the OS store and NODE_EXTRA_CA_CERTS to the bundled roots, once each', () => {
    const extra = path.join(mkdtempSync(path.join(os.tmpdir(), 'desk-ca-')), 'corp.pem');
    writeFileSync(extra, `${pem(3)}${pem(4)}`);
    const stores: Record<string, string[]> = { default: [pem(1)], system: [pem(2), pem(1)] };
    const result = trustedCertificates(
      { NODE_EXTRA_CA_CERTS: extra },
      (type = 'default') => stores[type] ?? [],
    );
    expect(result.ca).toEqual([pem(1), pem(2), pem(3), pem(4)]);
    expect(result.notes).toEqual([
      'Trusting 2 certificates from the OS store as well as the bundled roots.',
      `Trusting 2 certificates from NODE_EXTRA_CA_CERTS (${extra}).`,
    ]);
  });

  it('says so when the OS store or the extra file cannot be read, and keeps the bundled roots', () => {
    const result = trustedCertificates({ NODE_EXTRA_CA_CERTS: '/nowhere/corp.pem' }, (type) => {
      if (type === 'system') throw new Error('no keychain access');
      return [pem(1)];
    });
    expect(result.ca).toEqual([pem(1)]);
    expect(result.notes).toEqual([
      'The OS certificate store could not be read (no keychain access).',
      'NODE_EXTRA_CA_CERTS points at /nowhere/corp.pem, which does not exist.',
    ]);
  });

  it('leaves Node’s defaults alone where Node cannot read the OS store', () => {
    const result = trustedCertificates({}, null);
    expect(result.ca).toBeUndefined();
    expect(result.notes[0]).toMatch(/cannot read the OS certificate store/);
  });
});
