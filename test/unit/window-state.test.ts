import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutKey, restoreWindow, type DisplayArea } from '../../main/app/window-layout';
import { UiState } from '../../main/services/app/ui-state';
import { dataPaths } from '../../main/environment/data-paths';

const display = (x: number, y: number, width: number, height: number, scaleFactor = 1): DisplayArea => ({
  bounds: { x, y, width, height },
  workArea: { x, y, width, height: height - 40 },
  scaleFactor,
});
const laptop = [display(0, 0, 1920, 1080, 1.5)];
const docked = [display(0, 0, 1920, 1080, 1.5), display(1920, 0, 2560, 1440)];

describe('window state per display layout', () => {
  it('names a layout by its monitors, whatever order the OS lists them in', () => {
    expect(layoutKey(docked)).toBe(layoutKey([...docked].reverse()));
    expect(layoutKey(docked)).not.toBe(layoutKey(laptop));
  });

  it('reopens where it was on the same layout, maximised if it was', () => {
    const bounds = { x: 2000, y: 100, width: 1600, height: 1000 };
    expect(restoreWindow({ bounds, maximized: true }, docked)).toEqual({ bounds, maximized: true });
  });

  it('never opens on a monitor that is gone: the default placement instead', () => {
    expect(restoreWindow({ bounds: { x: 2000, y: 100, width: 1600, height: 1000 } }, laptop)).toEqual({
      bounds: null,
      maximized: false,
    });
    expect(restoreWindow({}, laptop)).toEqual({ bounds: null, maximized: false });
  });

  it('pulls a window half off its monitor back inside, shrunk to the work area', () => {
    expect(restoreWindow({ bounds: { x: 1500, y: 900, width: 2400, height: 1400 } }, laptop)).toEqual({
      bounds: { x: 0, y: 0, width: 1920, height: 1040 },
      maximized: false,
    });
  });

  it('remembers bounds and the last screen per layout, across restarts', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-ui-'));
    const first = new UiState(dataPaths(dir));
    first.useLayout(layoutKey(docked));
    first.saveWindow({ x: 2000, y: 100, width: 1600, height: 1000 }, true);
    first.rememberScreen('lookup');
    first.useLayout(layoutKey(laptop));
    first.saveWindow({ x: 10, y: 10, width: 1200, height: 800 }, false);
    first.rememberScreen('failures');

    const again = new UiState(dataPaths(dir));
    expect(again.useLayout(layoutKey(docked))).toEqual({
      bounds: { x: 2000, y: 100, width: 1600, height: 1000 },
      maximized: true,
      screen: 'lookup',
    });
    expect(again.useLayout(layoutKey(laptop)).screen).toBe('failures');
    // The bridge has its own record.
    expect(again.useLayout('browser')).toEqual({});
    expect(again.lastScreen()).toBeNull();
  });

  it('keeps an unreadable state file aside and starts from the defaults, saying so', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-ui-'));
    writeFileSync(
      path.join(dir, 'window-state.json'),
      '{"version":1,"layouts":{"x":{"bounds":{"x":"left"}}}}',
    );
    const state = new UiState(dataPaths(dir));
    expect(state.warning).toMatch(/window-state\.json could not be read/);
    expect(state.lastScreen()).toBeNull();
    expect(readdirSync(dir).some((name) => name.startsWith('window-state.json.unreadable-'))).toBe(true);
  });
});
