import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

/** What a right-click can do besides the edit roles. */
export interface ContextMenuActions {
  copyText(text: string): void;
  lookup(reference: string): void;
}

/** A selection the desk treats as a reference: one token of printable ASCII, like the look-up form accepts. */
const REFERENCE = /^[\x21-\x7e]{2,200}$/;

/**
 * Right-click: Cut/Copy/Paste/Select all in text fields (as the field allows), Copy on selected text, and on an
 * id (the renderer selects an element marked `data-reference` when it is right-clicked) "Copy reference" and
 * "Look up". Empty when there is nothing to offer, so no empty menu appears.
 */
export function contextMenuTemplate(
  params: Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags'>,
  actions: ContextMenuActions,
): MenuItemConstructorOptions[] {
  const selection = params.selectionText.trim();
  if (params.isEditable) {
    return [
      { role: 'cut', enabled: params.editFlags.canCut },
      { role: 'copy', enabled: params.editFlags.canCopy },
      { role: 'paste', enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: params.editFlags.canSelectAll },
    ];
  }
  if (selection === '') return [];
  const items: MenuItemConstructorOptions[] = [{ role: 'copy' }];
  if (REFERENCE.test(selection)) {
    items.push(
      { type: 'separator' },
      { id: 'copy-reference', label: 'Copy reference', click: () => actions.copyText(selection) },
      {
        id: 'lookup-reference',
        label: `Look up ${selection.length > 40 ? `${selection.slice(0, 40)}…` : selection}`,
        click: () => actions.lookup(selection),
      },
    );
  }
  return items;
}
