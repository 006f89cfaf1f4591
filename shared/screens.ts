/** The screens of the desk, in sidebar order, with what each is for. */
export const SCREENS = [
  {
    id: 'catalogue',
    label: 'Catalogue',
    purpose: 'Browse Ascenda gift cards and GiftCard Partners products.',
  },
  {
    id: 'place-order',
    label: 'Place order',
    purpose: 'Place an order by hand, exactly once, with a live timeline.',
  },
  {
    id: 'lookup',
    label: 'Lookup',
    purpose: 'Find a stuck order by reference_id, PONumber, order id or email.',
  },
  {
    id: 'failures',
    label: 'Failures',
    purpose: 'Failed and cancelled items grouped by reason, with refund guidance.',
  },
  {
    id: 'balance',
    label: 'Balance',
    purpose: 'The GiftCard Partners deposit balance, Pending and Available.',
  },
  { id: 'history', label: 'History', purpose: 'Cached order history, searchable offline.' },
  {
    id: 'settings',
    label: 'Settings',
    purpose: 'Profiles, credentials in the OS keychain, connection tests.',
  },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

export const isScreenId = (value: unknown): value is ScreenId =>
  typeof value === 'string' && SCREENS.some((screen) => screen.id === value);

/**
 * Where something outside the page sends the agent: a menu item, a desk link, a notification. Opening Lookup
 * with a reference runs that look-up, which only reads.
 */
export type Navigation = { screen: ScreenId; lookup?: string };
