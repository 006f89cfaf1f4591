import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');
const depcruise = path.join(repo, 'node_modules/.bin/depcruise');

function cruise(cwd: string, ...folders: string[]) {
  const result = spawnSync(depcruise, ['--config', path.join(repo, '.dependency-cruiser.cjs'), ...folders], {
    cwd,
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('import rules (npm run lint)', () => {
  it('fails when a renderer file imports main/, shared/ imports renderer/, main/services imports electron or a wire schema', () => {
    const { status, output } = cruise(
      path.join(repo, 'test/fixtures/import-rules'),
      'main',
      'shared',
      'renderer',
    );
    expect(status).not.toBe(0);
    expect(output).toContain('renderer-talks-only-through-window-desk: renderer/reaches-into-main.ts');
    expect(output).toContain('shared-imports-none-of-the-others: shared/imports-renderer.ts');
    expect(output).toContain('electron-only-in-app-and-preload: main/services/imports-electron.ts');
    expect(output).toContain('wire-shapes-stay-in-providers: main/services/reads-wire.ts');
    expect(output).not.toContain('main/app/may-import-electron.ts');
    expect(output).not.toContain('main/providers/ascenda/client.ts');
  });

  it('keeps main/ in its layers: every forbidden direction fails, every allowed one passes', () => {
    const { status, output } = cruise(path.join(repo, 'test/fixtures/layering'), 'main');
    expect(status).not.toBe(0);
    const tiers = [
      ['app'],
      ['ipc'],
      ['services'],
      ['jobs'],
      ['providers', 'store', 'secrets'],
      ['log', 'net', 'time', 'environment'],
    ];
    const reported = (from: string, to: string) =>
      output.includes(`layer-${from}: main/${from}/probe.ts → main/${to}/target.ts`);
    for (const [index, tier] of tiers.entries()) {
      for (const layer of tier) {
        const above = tiers.slice(0, index).flat();
        const siblings = tier.filter((other) => other !== layer);
        const below = tiers.slice(index + 1).flat();
        for (const banned of [...above, ...siblings])
          expect(reported(layer, banned), `main/${layer} → main/${banned} must fail`).toBe(true);
        for (const allowed of below)
          expect(reported(layer, allowed), `main/${layer} → main/${allowed} is allowed`).toBe(false);
      }
    }
    // The composition root binds the services to the router: it alone reaches up to ipc, never to app.
    expect(output).not.toContain('main/services/backend.ts → main/ipc/target.ts');
    expect(output).toContain(
      'composition-root-binds-ipc-only: main/services/backend.ts → main/app/target.ts',
    );
    // The store protocol is what services and jobs see; only cache-stores.ts opens an implementation.
    expect(output).toContain(
      'services-see-only-the-store-protocol: main/services/reads-engine.ts → main/store/engine.ts',
    );
    expect(output).toContain(
      'services-see-only-the-store-protocol: main/jobs/reads-engine.ts → main/store/engine.ts',
    );
    expect(output).not.toContain('main/services/reads-protocol.ts');
    expect(output).not.toContain('main/services/cache-stores.ts');
    // The simulators start only from the services' sandbox runtime and the CLIs, and read only INFERRED settings.
    expect(output).toContain(
      'sandbox-only-from-its-runtime-and-the-clis: main/services/starts-simulators.ts → main/sandbox/target.ts',
    );
    expect(output).not.toContain('main/services/suppliers/sandbox-runtime.ts');
    expect(output).not.toContain('main/serve.ts');
    expect(output).toContain(
      'sandbox-reads-only-the-inferred-settings: main/sandbox/probe.ts → main/providers/ascenda/client.ts',
    );
    expect(output).toContain(
      'sandbox-reads-only-the-inferred-settings: main/sandbox/probe.ts → main/services/target.ts',
    );
    expect(output).not.toContain('main/sandbox/probe.ts → main/providers/ascenda/inferred.ts');
  });

  it('passes on the real tree', () => {
    const { status, output } = cruise(repo, 'main', 'preload', 'shared', 'renderer');
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });
});
