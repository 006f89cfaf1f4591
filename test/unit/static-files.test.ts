import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAsset } from '../../main/ipc/static-files';

const root = path.resolve('/srv/desk/renderer');

describe('renderer asset resolution', () => {
  it('maps / to index.html and keeps paths inside the renderer folder', () => {
    expect(resolveAsset(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveAsset(root, '/assets/index.js?v=1')).toBe(path.join(root, 'assets/index.js'));
  });

  it.each(['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../secret', '/%00', '/%E0%A4%A'])(
    'refuses %s',
    (request) => expect(resolveAsset(root, request)).toBeNull(),
  );
});
