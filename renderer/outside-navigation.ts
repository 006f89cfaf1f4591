import { useEffect } from 'react';
import { parseLinkedReference } from '../shared/deep-link';
import { useShellStore } from './state/shell';

/**
 * Where the desk opens, in order: the screen last used here, then a look-up asked for in the browser bridge's
 * URL (`#token=…&lookup=<reference>`), then whatever main holds for the page (a desk link that started the
 * desktop app, a notification click, a menu item). Later requests arrive as `app.navigate`. None of these does
 * more than open a screen and run a look-up.
 */
export function useOutsideNavigation(): void {
  useEffect(() => {
    const api = window.desk;
    if (!api) return;
    const { navigate, refuseLink, setScreen } = useShellStore.getState();
    const take = async () => {
      const pending = await api.app.takeNavigation();
      if (pending.ok && pending.value) navigate(pending.value);
    };
    const off = api.on('app.navigate', () => void take());
    void (async () => {
      const last = await api.app.lastScreen();
      if (last.ok && last.value) setScreen(last.value);
      const linked = takeFragmentLookup();
      if (linked !== null) {
        const parsed = parseLinkedReference(linked);
        if (parsed.ok) navigate({ screen: 'lookup', lookup: parsed.link.reference });
        else refuseLink(`The link’s look-up was not run: ${parsed.reason}.`);
      }
      await take();
    })();
    return off;
  }, []);
}

/** The `lookup` parameter of the page's fragment, removed from the address so a reload does not repeat it. */
function takeFragmentLookup(): string | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const lookup = params.get('lookup');
  if (lookup === null) return null;
  params.delete('lookup');
  window.history.replaceState(null, '', `#${params.toString()}`);
  return lookup;
}

/**
 * A right-click on an id (an element marked `data-reference`) selects it, so the context menu offers Copy, and
 * in the desktop app "Copy reference" and "Look up".
 */
export function useReferenceSelection(): void {
  useEffect(() => {
    const onContextMenu = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target.closest('[data-reference]') : null;
      if (!target) return;
      const selection = window.getSelection();
      if (!selection || (selection.toString().trim() !== '' && target.contains(selection.anchorNode))) return;
      selection.selectAllChildren(target);
    };
    window.addEventListener('contextmenu', onContextMenu);
    return () => window.removeEventListener('contextmenu', onContextMenu);
  }, []);
}
