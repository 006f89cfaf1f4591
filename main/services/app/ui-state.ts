import { z } from 'zod';
import { SCREENS, type ScreenId } from '../../../shared/screens';
import { SettingsFile } from '../settings-file';
import type { DataPaths } from '../../environment/data-paths';

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type WindowBounds = z.infer<typeof boundsSchema>;

const layoutSchema = z.object({
  bounds: boundsSchema.optional(),
  maximized: z.boolean().optional(),
  screen: z.enum(SCREENS.map((s) => s.id) as [ScreenId, ...ScreenId[]]).optional(),
});
export type LayoutState = z.infer<typeof layoutSchema>;

const fileSchema = z.object({ version: z.literal(1), layouts: z.record(z.string().max(500), layoutSchema) });

/** Until main/app names the display layout (the bridge never does). */
export const BROWSER_LAYOUT = 'browser';
/** Layouts remembered at most: a laptop that docks in many places should not grow the file forever. */
const MAX_LAYOUTS = 20;

/**
 * The window's size, position, maximised state and last screen, remembered per display layout (the set of
 * monitors and their arrangement): undocking a laptop must not open the window on a monitor that is gone, and
 * docking again brings back the big window. main/app names the layout; the router reads and writes the screen.
 */
export class UiState {
  private readonly store: SettingsFile<z.infer<typeof fileSchema>>;
  private layout = BROWSER_LAYOUT;

  constructor(paths: DataPaths) {
    this.store = new SettingsFile(paths.windowState, fileSchema, () => ({
      version: 1 as const,
      layouts: {},
    }));
  }

  get warning(): string | null {
    return this.store.warning;
  }

  /** Which display layout the desk is on now (main/app: from the displays; the bridge keeps the default). */
  useLayout(key: string): LayoutState {
    this.layout = key;
    return this.current();
  }

  current(): LayoutState {
    return this.store.value.layouts[this.layout] ?? {};
  }

  saveWindow(bounds: WindowBounds, maximized: boolean): void {
    this.change({ bounds, maximized });
  }

  rememberScreen(screen: ScreenId): ScreenId {
    this.change({ screen });
    return screen;
  }

  lastScreen(): ScreenId | null {
    return this.current().screen ?? null;
  }

  private change(patch: LayoutState): void {
    this.store.update((file) => {
      const { [this.layout]: current, ...others } = file.layouts;
      // The layout in use goes last, so the oldest are the first to go.
      const kept = Object.entries(others).slice(-(MAX_LAYOUTS - 1));
      return {
        version: 1,
        layouts: { ...Object.fromEntries(kept), [this.layout]: { ...current, ...patch } },
      };
    });
  }
}
