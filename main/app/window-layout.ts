import type { LayoutState, WindowBounds } from '../services/app/ui-state';

export interface DisplayArea {
  bounds: WindowBounds;
  workArea: WindowBounds;
  scaleFactor: number;
}

/** The display layout as a key: every monitor's place, size and scale, in a stable order. */
export function layoutKey(displays: readonly DisplayArea[]): string {
  return displays
    .map(({ bounds: b, scaleFactor }) => `${b.width}x${b.height}@${b.x},${b.y}*${scaleFactor}`)
    .sort()
    .join('|');
}

/** At least this much of the title bar must land on a monitor, or the window could not be grabbed. */
const MIN_VISIBLE = 100;

/**
 * Where the window opens: the bounds saved for this layout when enough of the window is on a monitor now
 * (shrunk to fit that monitor's work area), else the default size centred by the OS.
 */
export function restoreWindow(
  saved: LayoutState,
  displays: readonly DisplayArea[],
): { bounds: WindowBounds | null; maximized: boolean } {
  const maximized = saved.maximized ?? false;
  const bounds = saved.bounds;
  if (!bounds) return { bounds: null, maximized };
  const home = displays.find(({ workArea: a }) => {
    const visibleWidth = Math.min(bounds.x + bounds.width, a.x + a.width) - Math.max(bounds.x, a.x);
    const titleBarOn = bounds.y >= a.y && bounds.y < a.y + a.height - MIN_VISIBLE / 2;
    return visibleWidth >= MIN_VISIBLE && titleBarOn;
  });
  if (!home) return { bounds: null, maximized };
  const a = home.workArea;
  const width = Math.min(bounds.width, a.width);
  const height = Math.min(bounds.height, a.height);
  return {
    bounds: {
      width,
      height,
      x: Math.min(Math.max(bounds.x, a.x), a.x + a.width - width),
      y: Math.min(Math.max(bounds.y, a.y), a.y + a.height - height),
    },
    maximized,
  };
}
