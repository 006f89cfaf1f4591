import type { HandlersOf } from '../channel-handlers';
import type { Services } from '../services';
import { APP_NAME } from '../../environment/data-dir';
import { exportDiagnostics } from './diagnostics';

export function appHandlers(s: Services): HandlersOf<'app'> {
  return {
    'app.info': (_input, ctx) => ({
      name: APP_NAME,
      version: s.version,
      dataDir: s.paths.root,
      activeProfile: s.profiles.active(),
      transport: ctx.transport,
      warnings: [s.profiles.loadWarning, s.uiState.warning, s.updates.warning, s.notices.warning].filter(
        (warning): warning is string => warning !== null,
      ),
    }),
    'app.takeNavigation': () => s.navigation.take(),
    // A window's state: browser tabs (the bridge) each keep their own place, as any web page does.
    'app.lastScreen': (_input, ctx) => (ctx.transport === 'electron' ? s.uiState.lastScreen() : null),
    'app.rememberScreen': ({ screen }, ctx) =>
      ctx.transport === 'electron' ? s.uiState.rememberScreen(screen) : screen,
    'app.exportDiagnostics': () => exportDiagnostics(s),
  };
}

export function updatesHandlers(s: Services): HandlersOf<'updates'> {
  return {
    'updates.settings': () => s.updates.settings(),
    'updates.configure': (settings) => s.updates.configure(settings),
    'updates.check': () => s.updates.check(),
  };
}

export function healthHandlers(s: Services): HandlersOf<'health'> {
  return {
    'health.status': () => s.health.status(),
    'health.verify': () => s.health.verify(),
  };
}
