import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultKind, FaultSpec } from '../../main/sandbox/faults';
import { FAULT_KINDS } from '../../main/sandbox/faults';
import { startSandbox, type SandboxPair } from '../../main/sandbox/sandbox-pair';
import type { SupplierErrorKind } from '../../shared/supplier-errors';
import { ascendaClient, failure, gcpClient } from '../support/clients';

/** Client deadlines short enough to meet the delay faults quickly. */
const TIMEOUTS = { readMs: 400, createMs: 400, tokenMs: 400 };
const SLOW_MS = 1_500;

let pair: SandboxPair;
beforeAll(async () => {
  pair = await startSandbox({
    ascenda: { rateLimit: { perSecond: 10_000, burst: 10_000, retryAfterSeconds: 1 } },
    gcp: { startingBalance: { Available: 1_000_000, Pending: 0, CurrencyCode: 'USD' } },
  });
});
afterAll(() => pair.stop());
beforeEach(() => {
  pair.ascenda.faults.clear();
  pair.gcp.faults.clear();
});

interface Subject {
  name: string;
  readRoute: string;
  createRoute: string;
  arm(spec: FaultSpec): void;
  client(timeouts?: typeof TIMEOUTS): {
    read(): Promise<unknown>;
    create(reference: string): Promise<unknown>;
    waits: number[];
  };
  ordersWith(reference: string): number;
}

const subjects: Subject[] = [
  {
    name: 'Ascenda',
    readRoute: 'GET /gift_cards',
    createRoute: 'POST /fulfillment_orders/gift_cards',
    arm: (spec) => pair.ascenda.faults.add(spec),
    client(timeouts = TIMEOUTS) {
      const { client, waits } = ascendaClient(pair.urls.ascenda, { config: { timeouts } });
      const card = pair.ascenda.cards.find((c) => c.required_recipient_fields.length === 1)!;
      return {
        waits,
        read: () => client.listGiftCards({ pageSize: 5 }),
        create: (reference) =>
          client.createGiftCardOrder({
            reference,
            memberId: randomUUID(),
            transactedAt: new Date().toISOString(),
            giftCardId: card.id,
            value: card.denominations[0]!,
            recipient: { email: 'member@example.com', phoneNumber: '+6591234567' },
          }),
      };
    },
    ordersWith: (reference) => pair.ascenda.ordersWithReference(reference).length,
  },
  {
    name: 'GiftCard Partners',
    readRoute: 'GET /v1/Products',
    createRoute: 'POST /v1/Orders',
    arm: (spec) => pair.gcp.faults.add(spec),
    client(timeouts = TIMEOUTS) {
      const { client, waits } = gcpClient(pair.urls.gcp, { config: { timeouts } });
      const product = pair.gcp.products.find((p) => p.Type === 'Digital' && p.DenominationType === 'Fixed')!;
      return {
        waits,
        read: () => client.listProducts(1, 5),
        create: (reference) =>
          client.createPoOrder({
            reference,
            deliveryType: 'DigitalDelivery',
            lines: [
              {
                productId: product.Id,
                value: product.Denominations[0]!,
                quantity: 1,
                email: 'm@example.com',
              },
            ],
          }),
      };
    },
    ordersWith: (reference) => pair.gcp.ordersWithPo(reference).length,
  },
];

/**
 * What each simulator fault must become, on a create (where it decides whether the order may exist).
 * `committed`: whether the supplier holds the order afterwards.
 */
const ON_CREATE: Record<
  FaultKind,
  { spec: Partial<FaultSpec>; kind: SupplierErrorKind | 'success'; mayExist: boolean; committed: boolean }
> = {
  status_before_commit: { spec: { status: 503 }, kind: 'INDETERMINATE', mayExist: true, committed: false },
  status_after_commit: { spec: { status: 500 }, kind: 'INDETERMINATE', mayExist: true, committed: true },
  drop_before_commit: { spec: {}, kind: 'INDETERMINATE', mayExist: true, committed: false },
  drop_after_commit: { spec: {}, kind: 'INDETERMINATE', mayExist: true, committed: true },
  // The supplier goes on to process the request after the desk gave up waiting: the classic lost answer.
  delay_before_commit: { spec: { delayMs: SLOW_MS }, kind: 'INDETERMINATE', mayExist: true, committed: true },
  delay_after_commit: { spec: { delayMs: SLOW_MS }, kind: 'INDETERMINATE', mayExist: true, committed: true },
  rate_limit: {
    spec: { rate: 1, retryAfterSeconds: 1 },
    kind: 'RATE_LIMITED',
    mayExist: false,
    committed: false,
  },
  malformed_json: { spec: {}, kind: 'MALFORMED_RESPONSE', mayExist: true, committed: true },
  slow_drip: { spec: { delayMs: SLOW_MS }, kind: 'INDETERMINATE', mayExist: true, committed: true },
  token_expired: { spec: { times: 2 }, kind: 'AUTH', mayExist: false, committed: false },
  credentials_disabled: { spec: {}, kind: 'AUTH', mayExist: false, committed: false },
};

describe.each(subjects)('$name client: every simulator fault maps to its error kind', (subject) => {
  it('covers every fault kind the simulators offer', () => {
    expect(Object.keys(ON_CREATE).sort()).toEqual([...FAULT_KINDS].sort());
  });

  it.each(Object.entries(ON_CREATE))('%s on a create', async (fault, expected) => {
    const api = subject.client();
    await api.read(); // token in hand, so the fault meets the create itself
    subject.arm({ kind: fault as FaultKind, route: subject.createRoute, ...expected.spec });
    const reference = `fault-${fault}-${randomUUID()}`;
    const info = await failure(api.create(reference));
    expect(info.kind).toBe(expected.kind);
    expect(info.orderMayExist).toBe(expected.mayExist);
    // Let after-commit faults finish their delayed answers before counting.
    await new Promise((resolve) =>
      setTimeout(resolve, fault.startsWith('delay') || fault === 'slow_drip' ? SLOW_MS : 0),
    );
    expect(subject.ordersWith(reference)).toBe(expected.committed ? 1 : 0);
  });

  it.each(Object.entries(ON_CREATE))('%s on a read', async (fault, expected) => {
    const api = subject.client();
    await api.read();
    subject.arm({ kind: fault as FaultKind, route: subject.readRoute, ...expected.spec });
    const info = await failure(api.read());
    expect(info.kind).toBe(expected.kind);
    expect(info.orderMayExist).toBe(false);
  });

  it('waits out a single 429 for the Retry-After it names, then succeeds', async () => {
    const api = subject.client();
    await api.read();
    subject.arm({ kind: 'rate_limit', route: subject.readRoute, times: 1, retryAfterSeconds: 2 });
    await api.read();
    expect(api.waits).toEqual([2000]);
  });

  it('reports a 429 that persists as RATE_LIMITED with the wait the supplier asked for', async () => {
    const api = subject.client();
    await api.read();
    subject.arm({ kind: 'rate_limit', route: subject.readRoute, rate: 1, retryAfterSeconds: 1 });
    const info = await failure(api.read());
    expect(info).toMatchObject({ kind: 'RATE_LIMITED', httpStatus: 429, retryAfterMs: 1000 });
    expect(api.waits).toEqual([1000, 1000, 1000]);
  });

  it('survives one expired token by refreshing once', async () => {
    const api = subject.client();
    await api.read();
    subject.arm({ kind: 'token_expired', route: subject.readRoute, times: 1 });
    await expect(api.read()).resolves.toBeTruthy();
  });

  it('reads a slowly dripped body that arrives within the deadline', async () => {
    // A page of a few kilobytes in 16-byte drips takes a while; the deadline is what matters, not the speed.
    const api = subject.client({ readMs: 10_000, createMs: 10_000, tokenMs: 10_000 });
    await api.read();
    subject.arm({ kind: 'slow_drip', route: subject.readRoute, delayMs: 100 });
    await expect(api.read()).resolves.toBeTruthy();
  });
});
