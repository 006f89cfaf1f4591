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

  it('passes on the real tree', () => {
    const { status, output } = cruise(repo, 'main', 'preload', 'shared', 'renderer');
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });
});
