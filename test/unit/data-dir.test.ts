import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../main/environment/data-dir';

describe('data folder', () => {
  it('matches where Electron keeps userData on each OS', () => {
    expect(defaultDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/Fulfillment Desk');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/a')).toBe('/x/Fulfillment Desk');
    expect(defaultDataDir('darwin', {}, '/Users/a')).toBe(
      '/Users/a/Library/Application Support/Fulfillment Desk',
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a')).toBe(
      path.join('C:\\Users\\a\\AppData\\Roaming', 'Fulfillment Desk'),
    );
  });

  it('lets DESK_DATA_DIR override it (tests, portable installs)', () => {
    expect(defaultDataDir('linux', { DESK_DATA_DIR: '/tmp/desk' }, '/home/a')).toBe('/tmp/desk');
  });
});
