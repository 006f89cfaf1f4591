import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';

/**
 * The packaging config, checked without building or downloading anything: electron-builder's own loader
 * (which resolves `extends`) and its schema validator, then what the desk requires of a release build.
 */
const root = path.resolve(__dirname, '../..');
const load = async (file: string) => {
  const config = await getConfig(root, path.join(root, file), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
};
/** The fuse names electron-builder knows (from its own types), so a misspelt fuse cannot pass silently. */
const knownFuses = () => {
  const types = readFileSync(require.resolve('app-builder-lib/out/configuration.d.ts'), 'utf8');
  const body = /export interface FuseOptionsV1 \{([\s\S]*?)\n\}/.exec(types)![1]!;
  return [...body.matchAll(/^\s+(\w+)\?:/gm)].map((m) => m[1]);
};
const pngSize = (file: string) => {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
};

describe('packaging', () => {
  it('the release config passes electron-builder validation, with every fuse the desk relies on', async () => {
    const config: Configuration = await load('electron-builder.yml');
    expect(config.appId).toBe('com.fulfillmentdesk.app');
    expect(config.productName).toBe('Fulfillment Desk');
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(knownFuses()).toEqual(expect.arrayContaining(Object.keys(config.electronFuses!)));
  });

  it('names the Electron it packages, the same as the installed electron package (the supported 45 line)', async () => {
    const config = await load('electron-builder.yml');
    const installed = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'));
    expect(config.electronVersion).toBe(installed.version);
    expect(config.electronVersion).toMatch(/^45\./);
  });

  it('targets AppImage and deb, a hardened-runtime dmg with entitlements, and an NSIS installer', async () => {
    const config = await load('electron-builder.yml');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac).toMatchObject({ target: 'dmg', hardenedRuntime: true });
    expect(readFileSync(path.join(root, config.mac!.entitlements!), 'utf8')).toContain(
      'com.apple.security.cs.allow-jit',
    );
    expect(config.win?.target).toBe('nsis');
  });

  it('ships designed icons in every size the platforms ask for', async () => {
    const config = await load('electron-builder.yml');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024])
      expect(pngSize(path.join(root, config.linux!.icon!, `${size}x${size}.png`))).toEqual([size, size]);
    // macOS (.icns) and Windows (.ico) are made from the 1024 px master.
    expect(pngSize(path.join(root, config.mac!.icon!))).toEqual([1024, 1024]);
    expect(config.win?.icon).toBe(config.mac?.icon);
    // The window and notification icon main loads at run time is packaged with the app.
    expect(config.files).toEqual([
      { filter: expect.arrayContaining(['dist/**/*', 'assets/icons/256x256.png']) },
    ]);
    expect(readFileSync(path.join(root, 'main/app/main.ts'), 'utf8')).toContain(
      "'../../assets/icons/256x256.png'",
    );
    expect(existsSync(path.join(root, 'assets/icon.svg'))).toBe(true);
  });

  it('publishes a generic update feed with a file per channel, and registers the desk-link scheme', async () => {
    const config = await load('electron-builder.yml');
    expect(config.publish).toEqual([{ provider: 'generic', url: '${env.DESK_UPDATE_URL}' }]);
    // latest.yml for releases, beta.yml for x.y.z-beta.n: the two channels Settings → Updates offers.
    expect(config.generateUpdatesFilesForAllChannels).toBe(true);
    expect(config.protocols).toEqual([{ name: 'Fulfillment Desk link', schemes: ['fulfillment-desk'] }]);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    // electron-updater runs in main, so it is packaged; the fuses test keeps the rest of the list honest.
    expect(Object.keys(pkg.dependencies)).toContain('electron-updater');
    expect(Object.keys(pkg.devDependencies)).toContain('electron');
    expect(pkg.allowScripts.electron).toBe(false);
  });

  it('the test variant differs only by allowing the inspector Playwright drives it through', async () => {
    const release = await load('electron-builder.yml');
    const test = await load('electron-builder.test.yml');
    expect(test.electronFuses).toEqual({ ...release.electronFuses, enableNodeCliInspectArguments: true });
    expect({ ...test, electronFuses: null, directories: null, extends: null }).toEqual({
      ...release,
      electronFuses: null,
      directories: null,
      extends: null,
    });
  });
});
