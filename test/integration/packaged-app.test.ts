import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractAll, extractFile, listPackage } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBridge } from '../e2e/spawn-bridge';

/**
 * The real electron-builder packaging run (`--dir`), with nothing downloaded: Electron's binary is replaced by a
 * stand-in that carries the fuse wire Electron ships with (the sentinel @electron/fuses looks for, then Electron's
 * defaults). So this checks what the config produces: the fuses flipped in the binary, what is inside app.asar and
 * what is left outside the integrity check.
 */
const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'node_modules/electron-builder/cli.js');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Fuse wire v1 as Electron 45 ships it, 9 fuses (the order of @electron/fuses 2's FuseV1Options): RunAsNode on,
// cookie encryption off, NODE_OPTIONS on, inspect arguments on, asar integrity off, only-load-from-asar off,
// browser V8 snapshot off, file:// privileges on, WebAssembly trap handlers on. electron-builder 26 knows the
// first 8; the 9th is left as Electron ships it.
const ELECTRON_DEFAULT_WIRE = '101100011';
// Packaged copies are tens of megabytes each; they are removed when the suite ends.
const scratch: string[] = [];
const scratchDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function standInElectron(): string {
  const dir = scratchDir('desk-electron-dist-');
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE),
  ]);
  writeFileSync(
    path.join(dir, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), wire, Buffer.from('\n')]),
  );
  chmodSync(path.join(dir, 'electron'), 0o755);
  mkdirSync(path.join(dir, 'resources'));
  writeFileSync(path.join(dir, 'version'), '0.0.0');
  return dir;
}

/** Packs with one of the configs into its own folder; returns the unpacked app's folder. */
function pack(config: string, electronDist: string): string {
  const output = scratchDir('desk-release-');
  const run = spawnSync(
    process.execPath,
    [
      cli,
      '--dir',
      '--linux',
      '--config',
      config,
      `-c.electronDist=${electronDist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        ELECTRON_BUILDER_CACHE: path.join(output, '.cache'),
        DESK_UPDATE_URL: 'https://updates.example/fulfillment-desk',
      },
    },
  );
  if (run.status !== 0) throw new Error(`electron-builder failed:\n${run.stdout}\n${run.stderr}`);
  const unpacked = readdirSync(output).find((name) => name.endsWith('-unpacked'));
  return path.join(output, unpacked!);
}

/** The fuse wire as text, '0' off and '1' on, in the order of FuseV1Options. */
async function fuses(binary: string): Promise<string> {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<string, number>;
  return Array.from({ length: ELECTRON_DEFAULT_WIRE.length }, (_, i) => String.fromCharCode(wire[i]!)).join(
    '',
  );
}

describe('the packaged app (electron-builder --dir, stand-in Electron)', () => {
  let release: string;
  let asar: string;
  let files: string[];

  beforeAll(() => {
    if (!existsSync(path.join(root, 'dist/main/main.cjs')))
      throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    release = pack('electron-builder.yml', standInElectron());
    asar = path.join(release, 'resources/app.asar');
    files = listPackage(asar, { isPack: false }).map((f) => f.split(path.sep).join('/'));
  }, 120_000);

  it('flips the fuses in the binary itself: no Node mode, NODE_OPTIONS or inspector; integrity and asar only', async () => {
    // RunAsNode, cookie encryption, NODE_OPTIONS, inspect, asar integrity, asar only, V8 snapshot, file:// privileges,
    // WebAssembly trap handlers
    expect(await fuses(path.join(release, 'fulfillment-desk'))).toBe('010011001');
  });

  it('packs the built app into app.asar, starting where package.json says, with no sources, maps or tools', () => {
    const manifest = JSON.parse(extractFile(asar, 'package.json').toString()) as {
      main: string;
      devDependencies?: unknown;
    };
    expect(manifest.main).toBe('dist/main/main.cjs');
    for (const file of [
      manifest.main,
      'dist/main/store-worker.cjs',
      'dist/preload/preload.cjs',
      'dist/renderer/index.html',
      'assets/icons/256x256.png',
    ])
      expect(files).toContain(`/${file}`);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /^\/(main|renderer|shared|preload|test|bench|scripts)\//.test(f))).toEqual([]);
    // Only what main requires at run time: the renderer's libraries are already in its bundle.
    const packages = new Set(
      files.map((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean),
    );
    for (const needed of [
      'axios',
      'better-sqlite3',
      'keytar',
      'ws',
      'zod',
      'csv-stringify',
      'electron-updater',
      'fflate',
      'agent-base',
      'https-proxy-agent',
      'socks-proxy-agent',
      'proxy-from-env',
    ])
      expect(packages).toContain(needed);
    for (const unneeded of [
      'electron',
      'electron-builder',
      'vitest',
      'react',
      'react-dom',
      'react-aria-components',
      'uplot',
    ])
      expect(packages).not.toContain(unneeded);
  });

  it('leaves only the native modules outside the archive, so all the app code stays under the integrity check', () => {
    const outside = path.join(release, 'resources/app.asar.unpacked');
    const unpacked = walk(outside).map((f) => path.relative(outside, f).split(path.sep).join('/'));
    expect(unpacked.filter((f) => !/^node_modules\/(better-sqlite3|keytar)\//.test(f))).toEqual([]);
    expect(unpacked).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(unpacked).toContain('node_modules/keytar/build/Release/keytar.node');
    // No C sources, static libraries or compiler leftovers are shipped.
    expect(unpacked.filter((f) => /\/(src|deps|obj(\.target)?)\/|\.(c|cpp|h|a|o)$/.test(f))).toEqual([]);
  });

  it('the packaged app runs as shipped: its native modules load, and its main process serves the desk', async () => {
    // The app as Electron sees it: the archive with its unpacked files in place (what asar's extractAll rebuilds).
    const app = scratchDir('desk-app-');
    extractAll(asar, app);
    const modules = path.join(app, 'node_modules');
    // On the runtime this checkout's modules are built for (scripts/run.mjs put this process on it).
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `const Database = require(${JSON.stringify(path.join(modules, 'better-sqlite3'))});
         const row = new Database(':memory:').prepare("select sqlite_version() as v").get();
         const keytar = require(${JSON.stringify(path.join(modules, 'keytar'))});
         console.log(JSON.stringify({ sqlite: row.v, keytar: typeof keytar.getPassword }));`,
      ],
      { encoding: 'utf8' },
    );
    expect(probe.stderr).toBe('');
    expect(JSON.parse(probe.stdout)).toEqual({
      sqlite: expect.stringMatching(/^3\.\d+\.\d+$/),
      keytar: 'function',
    });
    // Every module main requires resolves inside the package: its bridge entry starts and serves the renderer.
    const bridge = await spawnBridge([], scratchDir('desk-packaged-data-'), app);
    try {
      const page = await fetch(new URL('/', bridge.url));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Fulfillment Desk</title>');
    } finally {
      await bridge.stop();
    }
  }, 30_000);

  it('ships the update feed it was built for, which electron-updater reads at run time', () => {
    const feed = readFileSync(path.join(release, 'resources/app-update.yml'), 'utf8');
    expect(feed).toMatch(/^provider: generic$/m);
    expect(feed).toMatch(/^url: https:\/\/updates\.example\/fulfillment-desk$/m);
    expect(feed).toMatch(/^updaterCacheDirName: fulfillment-desk-updater$/m);
  });

  it('the test variant is the same build with the inspector fuse on, for Playwright', async () => {
    const test = pack('electron-builder.test.yml', standInElectron());
    expect(await fuses(path.join(test, 'fulfillment-desk'))).toBe('010111001');
  }, 120_000);
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}
