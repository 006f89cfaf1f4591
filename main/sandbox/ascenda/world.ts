import { SeededRandom } from '../random';
import type { AscendaSimSettings } from './settings';

/** The 13 gift-card categories (CONFIRMED, GC-GUIDE). */
export const ASCENDA_CATEGORIES = [
  'Beauty and Health',
  'Dining',
  'Electronics',
  'Entertainment',
  'Experiences',
  'Fashion',
  'Home and Garden',
  'Jewelry',
  'Online Shopping',
  'Transport',
  'Young Ones',
  'Malls and Hypermarkets',
  'Others',
] as const;

const MARKETS = [
  { country: 'US', currency: 'USD', denominations: [10, 25, 50, 100, 200] },
  { country: 'SG', currency: 'SGD', denominations: [10, 20, 50, 100] },
  { country: 'AU', currency: 'AUD', denominations: [20, 50, 100, 150] },
  { country: 'GB', currency: 'GBP', denominations: [5, 10, 25, 50] },
  { country: 'CA', currency: 'CAD', denominations: [25, 50, 100] },
  { country: 'JP', currency: 'JPY', denominations: [1000, 3000, 5000, 10000] },
] as const;

const FIRST = [
  'Harbor',
  'Maple',
  'Cobalt',
  'Juniper',
  'Summit',
  'Lantern',
  'Orchid',
  'Granite',
  'Willow',
  'Saffron',
  'Meridian',
  'Copper',
  'Aurora',
  'Pebble',
  'Tidal',
  'Fable',
  'Northwind',
  'Velvet',
  'Cedar',
  'Prism',
];
const SECOND: Record<(typeof ASCENDA_CATEGORIES)[number], string[]> = {
  'Beauty and Health': ['Apothecary', 'Skin Studio', 'Wellness', 'Spa'],
  Dining: ['Kitchen', 'Noodle Bar', 'Bistro', 'Coffee Co.'],
  Electronics: ['Electronics', 'Gadget Hub', 'Audio', 'Tech Depot'],
  Entertainment: ['Cinemas', 'Games', 'Live', 'Streaming'],
  Experiences: ['Adventures', 'Escapes', 'Tours', 'Workshops'],
  Fashion: ['Outfitters', 'Threads', 'Atelier', 'Denim'],
  'Home and Garden': ['Home', 'Garden Supply', 'Living', 'Hardware'],
  Jewelry: ['Jewellers', 'Gems', 'Goldsmiths', 'Silverworks'],
  'Online Shopping': ['Marketplace', 'Online', 'Direct', 'Express'],
  Transport: ['Rides', 'Rail', 'Fuel', 'Airways'],
  'Young Ones': ['Toys', 'Kids', 'Playhouse', 'Little Ones'],
  'Malls and Hypermarkets': ['Mall', 'Hypermart', 'Superstore', 'Galleria'],
  Others: ['Gifts', 'Books', 'Pet Supply', 'Stationery'],
};

export interface SimGiftCard {
  id: string;
  name: string;
  brand: { id: string; name: string; logo_url: string };
  categories: string[];
  country: string;
  currency: string;
  denominations: number[];
  images: { logo: string; card: string };
  description: string;
  terms: string;
  redemption_instructions: string;
  required_recipient_fields: string[];
}

export type ItemStatus = 'pending' | 'processing' | 'fulfilled' | 'failed' | 'cancelled';
export type Outcome = 'fulfilled' | 'failed' | 'cancelled' | 'stuck';

export interface ItemError {
  code: string;
  message: string;
}

interface SimItemBase {
  id: string;
  processingAt: number;
  terminalAt: number;
  outcome: Outcome;
  errors: ItemError[];
}

export interface SimGiftCardItem extends SimItemBase {
  type: 'gift_card';
  gift_card: { id: string; name: string; value: number; currency: string };
  recipient: Record<string, string>;
}

/** A transfer of points to a loyalty programme (field names INFERRED, api-notes §17). */
export interface SimTransferItem extends SimItemBase {
  type: 'points_transfer';
  points_transfer: {
    loyalty_program_id: string;
    loyalty_program_name: string;
    amount: number;
    membership: { id: string; first_name: string; last_name: string };
  };
}

export type SimItem = SimGiftCardItem | SimTransferItem;

export interface SimOrder {
  id: string;
  reference_id: string;
  transacted_at: string;
  created_at: number;
  user: { number: string };
  item: SimItem;
}

/** Realistic item errors for failed and cancelled items (codes from the notes). */
export const FAILURE_ERRORS: Record<'failed' | 'cancelled', ItemError[]> = {
  failed: [
    { code: 'NN1301', message: 'Member identifier was rejected by the validation engine' },
    { code: 'NN1002', message: 'Gift card is no longer available from the issuer' },
    { code: 'NN0001', message: 'Unexpected error while issuing the gift card' },
    { code: 'NN1001', message: 'Recipient email address was rejected by the issuer' },
  ],
  cancelled: [
    { code: 'NN0001', message: 'Order cancelled: the issuer could not confirm the card within its window' },
    { code: 'NN1002', message: 'Order cancelled: denomination withdrawn by the issuer' },
  ],
};

/**
 * One card's description carries script on purpose: supplier HTML is untrusted, and the desk must show the
 * markup without ever running it. No randomness is drawn for it, so the seeded world is otherwise unchanged.
 */
export const HOSTILE_CARD = 6;
export const HOSTILE_DESCRIPTION =
  '<p>Spend it <strong>anywhere</strong>.</p><img src="x" onerror="window.__supplierScriptRan=1">' +
  '<script>window.__supplierScriptRan=2</script><a href="javascript:window.__supplierScriptRan=3">terms</a>';

export function buildGiftCards(settings: AscendaSimSettings): SimGiftCard[] {
  const random = new SeededRandom(settings.seed);
  const cards: SimGiftCard[] = [];
  for (let i = 0; i < settings.giftCardCount; i++) {
    const category = ASCENDA_CATEGORIES[i % ASCENDA_CATEGORIES.length]!;
    const market = random.pick(MARKETS);
    const brandName = `${random.pick(FIRST)} ${random.pick(SECOND[category])}`;
    const id = `gc_${String(i + 1).padStart(4, '0')}_${market.country.toLowerCase()}`;
    const denominations = market.denominations.filter(() => random.chance(0.8));
    cards.push({
      id,
      name: `${brandName} ${market.country} e-Gift Card`,
      brand: {
        id: `br_${i + 1}`,
        name: brandName,
        logo_url: `https://assets.sandbox.example/logos/${id}.png`,
      },
      categories: random.chance(0.15) ? [category, random.pick(ASCENDA_CATEGORIES)] : [category],
      country: market.country,
      currency: market.currency,
      denominations: denominations.length > 0 ? denominations : [market.denominations[0]],
      images: {
        logo: `https://assets.sandbox.example/logos/${id}.png`,
        card: `https://assets.sandbox.example/cards/${id}.png`,
      },
      description:
        i === HOSTILE_CARD
          ? HOSTILE_DESCRIPTION
          : `<p>Spend at any <strong>${brandName}</strong> location in ${market.country} or online.</p>`,
      terms: '<ul><li>Valid for 12 months from issue.</li><li>Not redeemable for cash.</li></ul>',
      redemption_instructions: 'Show the code at checkout or enter it online.',
      required_recipient_fields: random.chance(0.2) ? ['email', 'phone_number'] : ['email'],
    });
  }
  return cards;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Historical orders over the last 90 days: every status, some stuck in processing for days, failures with
 * varied error codes. Deterministic from the seed (times are relative to `now`).
 */
export function buildHistory(settings: AscendaSimSettings, cards: SimGiftCard[], now: number): SimOrder[] {
  const random = new SeededRandom(settings.seed + 1);
  const orders: SimOrder[] = [];
  for (let i = 0; i < settings.historicalOrderCount; i++) {
    const card = random.pick(cards);
    const kind = random.weighted({ fulfilled: 80, failed: 8, cancelled: 5, stuck: 4, pending: 3 });
    const ageMs =
      kind === 'pending'
        ? random.int(0, 50) * 1000
        : kind === 'stuck'
          ? random.int(2, 9) * DAY
          : random.int(0, 90 * DAY);
    const created = now - ageMs;
    const outcome: Outcome = kind === 'pending' || kind === 'stuck' ? 'stuck' : kind;
    const first = random.pick(['Ana', 'Wei', 'Priya', 'Tom', 'Lena', 'Omar', 'Kenji', 'Sara', 'Luis', 'Mia']);
    const last = random.pick([
      'Tan',
      'Smith',
      'Garcia',
      'Ng',
      'Okafor',
      'Rossi',
      'Sato',
      'Khan',
      'Brown',
      'Lee',
    ]);
    orders.push({
      id: `ord_hist_${String(i + 1).padStart(5, '0')}`,
      reference_id: `HIST-A-${String(i + 1).padStart(5, '0')}`,
      transacted_at: new Date(created).toISOString(),
      created_at: created,
      user: { number: `M-${random.uuid().slice(0, 4).toUpperCase()}` },
      item: {
        id: `oi_hist_${String(i + 1).padStart(5, '0')}`,
        type: 'gift_card',
        gift_card: {
          id: card.id,
          name: card.name,
          value: random.pick(card.denominations),
          currency: card.currency,
        },
        recipient: {
          email: `${first}.${last}${i}@members.example`.toLowerCase(),
          first_name: first,
          last_name: last,
        },
        processingAt: created + (kind === 'pending' ? DAY * 365 * 100 : 1000),
        terminalAt: outcome === 'stuck' ? Number.POSITIVE_INFINITY : created + random.int(2, 600) * 1000,
        outcome,
        errors: outcome === 'failed' || outcome === 'cancelled' ? [random.pick(FAILURE_ERRORS[outcome])] : [],
      },
    });
  }
  return orders;
}

export function itemStatus(item: SimItem, now: number): ItemStatus {
  if (now < item.processingAt) return 'pending';
  if (now < item.terminalAt || item.outcome === 'stuck') return 'processing';
  return item.outcome;
}
