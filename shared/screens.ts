/** The screens of the desk, in sidebar order, with what each is for. */
export const SCREENS = [
  {
    id: 'catalogue',
    label: 'Catalogue',
    purpose: 'Browse Ascenda gift cards, GiftCard Partners products and the loyalty programmes points go to.',
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
    id: 'queues',
    label: 'Work queues',
    purpose: 'Needs Ops, mismatches, stuck orders, refunds owed and unknown statuses, most urgent first.',
  },
  {
    id: 'member',
    label: 'Member',
    purpose: 'Every order of one member across both suppliers, with refunds, open placements and notes.',
  },
  {
    id: 'refunds',
    label: 'Refunds',
    purpose:
      'The refund ledger: record each refund owed with its transaction id, with totals per day and agent.',
  },
  {
    id: 'failures',
    label: 'Failures',
    purpose: 'Failed and cancelled items grouped by reason, with refund guidance.',
  },
  {
    id: 'bulk',
    label: 'Bulk recovery',
    purpose: 'Place many orders from a CSV file, checked first, each exactly once.',
  },
  {
    id: 'balance',
    label: 'Balance',
    purpose: 'The GiftCard Partners deposit balance, Pending and Available.',
  },
  { id: 'history', label: 'History', purpose: 'Cached order history, searchable offline.' },
  {
    id: 'reconciliation',
    label: 'Reconciliation',
    purpose: 'The suppliers’ history against the journal and the deposit, every line explained.',
  },
  { id: 'audit', label: 'Audit log', purpose: 'Who did what, when: filter and export.' },
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
 * with a reference runs that look-up, and the member view with a member opens it; both only read.
 */
export type Navigation = { screen: ScreenId; lookup?: string; member?: string };
