import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../main/log/redactor';
import { PROVIDERS } from '../../main/providers/registry';
import { isSupplierError } from '../../main/providers/supplier-error';
import type { SupplierPort } from '../../main/providers/supplier-port';
import { SANDBOX_SECRETS, startSandbox, type SandboxPair } from '../../main/sandbox/sandbox-pair';
import { SANDBOX_VARIANTS, VARIANT_NAMES, type SandboxVariant } from '../../main/sandbox/variants';
import { CalibrationFiles } from '../../main/services/suppliers/calibration';
import type { ConformanceCheck } from '../../shared/conformance';
import { formatCheck } from '../../shared/conformance';
import { SUPPLIERS, type Supplier } from '../../shared/domain';
import type { PlacementOrder } from '../../shared/placement';
import { memoryLogger } from '../support/clients';
import { dataPaths } from '../../main/environment/data-paths';

/**
 * Both clients against the simulators in every INFERRED variant: the probe names exactly the settings each
 * variant changes (and nothing on the default sandbox); with its suggestions written to a profile's calibration
 * the clients list, order, meet the duplicate, find and read orders; probing again finds nothing left to fix.
 */

const SMALL = {
  ascenda: {
    giftCardCount: 60,
    historicalOrderCount: 400,
    rateLimit: { perSecond: 10_000, burst: 10_000, retryAfterSeconds: 1 },
    newOrderOutcome: 'fulfilled' as const,
  },
  gcp: {
    productCount: 40,
    historicalOrderCount: 300,
    startingBalance: { Available: 1_000_000, Pending: 0, CurrencyCode: 'USD' },
  },
};

async function withVariant<T>(variant: SandboxVariant | null, run: (pair: SandboxPair) => Promise<T>) {
  const pair = await startSandbox({
    ascenda: { ...SMALL.ascenda, ...variant?.ascenda },
    gcp: { ...SMALL.gcp, ...variant?.gcp },
  });
  try {
    return await run(pair);
  } finally {
    await pair.stop();
  }
}

/** The ports the desk would build for a profile pointing at this pair, with the profile's calibration. */
function ports(
  pair: SandboxPair,
  calibration: CalibrationFiles,
  profileId: string,
): Record<Supplier, SupplierPort> {
  const redactor = new Redactor();
  const urls: Record<Supplier, string> = { ascenda: pair.urls.ascenda, gcp: pair.urls.gcp };
  const build = (supplier: Supplier) =>
    PROVIDERS[supplier].build({
      baseUrl: urls[supplier],
      secrets: PROVIDERS[supplier].secretFields.map((field) => SANDBOX_SECRETS[field]),
      calibration: calibration.read(profileId, supplier),
      tuning: {},
      now: Date.now,
      onResponseDate: () => {},
      logger: memoryLogger(redactor),
      redactor,
    });
  return { ascenda: build('ascenda'), gcp: build('gcp') };
}

async function probe(all: Record<Supplier, SupplierPort>): Promise<ConformanceCheck[]> {
  const results = await Promise.all(
    SUPPLIERS.map((supplier) =>
      all[supplier].probe({
        testOrder: {
          reference: `DESK-PROBE-${randomUUID().slice(0, 8)}`,
          transactedAt: new Date().toISOString(),
        },
      }),
    ),
  );
  return results.flatMap((r) => r.checks);
}

const differing = (checks: ConformanceCheck[]) =>
  checks
    .filter((c) => c.verdict === 'differs')
    .map((c) => `${c.supplier}.${c.setting}`)
    .sort();

function orderFor(supplier: Supplier, pair: SandboxPair): PlacementOrder {
  if (supplier === 'ascenda') {
    const card = pair.ascenda.cards.find((c) => c.required_recipient_fields.length === 1)!;
    return {
      supplier: 'ascenda',
      reference: `conf-${randomUUID()}`,
      memberId: `member-${randomUUID().slice(0, 8)}`,
      giftCardId: card.id,
      value: card.denominations[0]!,
      currency: card.currency,
      recipient: { email: 'member@example.com', firstName: 'Ana', lastName: 'Tan' },
    };
  }
  const product = pair.gcp.products.find((p) => p.Type === 'Digital' && p.DenominationType === 'Fixed')!;
  return {
    supplier: 'gcp',
    reference: `conf-${randomUUID()}`,
    productId: product.Id,
    deliveryType: 'DigitalDelivery',
    value: product.Denominations[0]!,
    quantity: 1,
    email: 'member@example.com',
  };
}

/** What the desk does with a supplier: list, order, resend, find and read. Every step must hold. */
async function exercise(port: SupplierPort, pair: SandboxPair): Promise<void> {
  await port.authenticate();
  const [one, two] = [await port.listCatalogue(1, 10), await port.listCatalogue(2, 10)];
  expect(one.items).toHaveLength(10);
  expect(one.unreadable).toEqual([]);
  expect(two.items[0]!.id).not.toBe(one.items[0]!.id);
  const history = await port.listOrders({ page: 2, pageSize: 100 });
  expect(history.unreadable).toEqual([]);
  expect(history.items.length).toBeGreaterThan(0);
  expect(history.items.flatMap((o) => o.items).filter((i) => i.state === 'unknown')).toEqual([]);
  const order = orderFor(port.supplier, pair);
  const attempt = { transactedAt: new Date().toISOString(), revision: 1 };
  const created = await port.createOrder(order, attempt);
  expect(created.reference).toBe(order.reference);
  // A resend of the same revision: Ascenda replays it (same key), GiftCard Partners names the original.
  try {
    expect((await port.createOrder(order, attempt)).id).toBe(created.id);
  } catch (error) {
    if (!isSupplierError(error)) throw error;
    expect(error.info).toMatchObject({ kind: 'DUPLICATE', originalOrderId: created.id });
  }
  expect((await port.findOrderByReference(order.reference))?.id).toBe(created.id);
  expect((await port.getOrder(created.id)).reference).toBe(order.reference);
  if (port.supplier === 'ascenda') await exerciseTransfers(port);
}

/** Ascenda's points transfers: programmes, one read by id, a refused and a confirmed membership, one transfer. */
async function exerciseTransfers(port: SupplierPort): Promise<void> {
  const { programs, unreadable } = await port.listPrograms!();
  expect(unreadable).toEqual([]);
  expect(programs.map((p) => p.id)).toContain('lp_krisflyer');
  expect((await port.programDetail!('lp_krisflyer')).minAmount).toBe(500);
  const membership = { id: '1234567890', firstName: 'Ana', lastName: 'Tan' };
  expect(await port.validateMembership!('lp_krisflyer', { ...membership, lastName: 'Lim' })).toMatchObject({
    valid: false,
    code: 'TC40001',
  });
  expect(await port.validateMembership!('lp_krisflyer', membership)).toMatchObject({ valid: true });
  const order: PlacementOrder = {
    supplier: 'ascenda',
    kind: 'points_transfer',
    reference: `conf-pt-${randomUUID()}`,
    memberId: 'M-1001',
    programId: 'lp_krisflyer',
    amount: 1_000,
    membership,
    pointsRedeemed: 1_250,
    user: {},
  };
  const attempt = { transactedAt: new Date().toISOString(), revision: 1 };
  const created = await port.createOrder(order, attempt);
  expect(created.items[0]).toMatchObject({
    kind: 'points_transfer',
    productId: 'lp_krisflyer',
    value: 1_000,
  });
  // A resend of a transfer meets NN1011 (never a replay): the first attempt landed.
  await expect(port.createOrder(order, attempt)).rejects.toMatchObject({ info: { kind: 'DUPLICATE' } });
  expect((await port.findOrderByReference(order.reference))?.id).toBe(created.id);
}

describe('the calibration probe and both clients against the default simulators', () => {
  it('reports 0 differ, and the clients do everything the desk needs', async () => {
    await withVariant(null, async (pair) => {
      const calibration = new CalibrationFiles(dataPaths(mkdtempSync(path.join(os.tmpdir(), 'desk-conf-'))));
      const all = ports(pair, calibration, 'sandbox');
      const checks = await probe(all);
      expect(checks.filter((c) => c.verdict === 'differs').map(formatCheck)).toEqual([]);
      expect(checks.filter((c) => c.verdict === 'match').length).toBeGreaterThan(30);
      for (const supplier of SUPPLIERS) await exercise(all[supplier], pair);
    });
  });
});

describe.each(VARIANT_NAMES)('variant %s', (name) => {
  const variant: SandboxVariant = SANDBOX_VARIANTS[name];
  let pair: SandboxPair;
  let calibration: CalibrationFiles;
  let found: ConformanceCheck[];
  beforeAll(async () => {
    pair = await startSandbox({
      ascenda: { ...SMALL.ascenda, ...variant.ascenda },
      gcp: { ...SMALL.gcp, ...variant.gcp },
    });
    calibration = new CalibrationFiles(dataPaths(mkdtempSync(path.join(os.tmpdir(), 'desk-conf-'))));
    found = await probe(ports(pair, calibration, 'uat-profile'));
  });
  afterAll(() => pair.stop());

  it(`the probe names exactly ${variant.differs.join(', ')}`, () => {
    expect(differing(found)).toEqual([...variant.differs].sort());
  });

  it('with the suggestions applied, both clients work and nothing fixable differs any more', async () => {
    const fixes = found.filter((c) => c.verdict === 'differs' && c.suggestedValue !== undefined);
    if (fixes.length > 0) {
      calibration.apply(
        'uat-profile',
        fixes.map((c) => ({ supplier: c.supplier, setting: c.setting, value: c.suggestedValue })),
      );
    }
    const calibrated = ports(pair, calibration, 'uat-profile');
    for (const supplier of SUPPLIERS) await exercise(calibrated[supplier], pair);
    const again = await probe(calibrated);
    const unfixable = found.filter((c) => c.verdict === 'differs' && c.suggestedValue === undefined);
    expect(differing(again)).toEqual(differing(unfixable));
  });
});
