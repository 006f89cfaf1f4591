import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../main/services/backend';
import type { AuditPage } from '../../shared/audit';
import type { BulkBatch, BulkRow, BulkValidation } from '../../shared/bulk';
import type { GiftCard, Product } from '../../shared/catalogue';
import { deskCall } from '../support/desk-call';

/** Bulk recovery through the router on the Sandbox: the same journal and guards as the order form. */
let backend: Backend;
let card: GiftCard;
const call = <T>(channel: string, input?: unknown) => deskCall<T>(backend, channel, input);
const HEADER = 'reference,memberId,giftCardId,value,currency,recipientEmail';
const line = (reference: string, member: string) =>
  `${reference},${member},${card.id},${card.denominations[0]},${card.currency},member@example.com`;
const finished = async (batchId: number) => {
  for (let i = 0; i < 400; i++) {
    const detail = await call<{ batch: BulkBatch; rows: BulkRow[] }>('bulk.batch', { batchId });
    if (detail.batch.state === 'done') return detail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`batch ${batchId} did not finish`);
};

beforeAll(async () => {
  backend = createBackend({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'desk-bulk-backend-')),
    version: '0',
    logToConsole: false,
  });
  const snapshot = await call<{ entries: Array<{ item: GiftCard | Product }> }>('catalogue.refresh', {});
  card = snapshot.entries
    .map((e) => e.item)
    .find(
      (i): i is GiftCard =>
        i.supplier === 'ascenda' && i.currency === 'USD' && i.requiredRecipientFields.length === 1,
    )!;
}, 60_000);
afterAll(() => backend.close());

describe('bulk recovery', () => {
  it('writes a template per supplier with the form’s fields, the member id and the reference', async () => {
    const { file, csv } = await call<{ file: string; csv: string }>('bulk.template', { supplier: 'gcp' });
    expect(csv.split('\n')[0]).toBe(
      'reference,memberId,productId,deliveryType,value,quantity,email,sms,personalizationTo,personalizationFromName,personalizationFromEmail,personalizationMessage,shippingMethodId,carrierId,shipToName,addressLine1,addressLine2,city,state,zip,country',
    );
    expect(readFileSync(file, 'utf8')).toContain('client-txn-0001');
  });

  it('holds a row the duplicate-intent guard stops, and places it only with its own typed reason', async () => {
    const member = `M-${randomUUID().slice(0, 8)}`;
    const refs = [`b-${randomUUID()}`, `b-${randomUUID()}`, `b-${randomUUID()}`];
    const checked = await call<BulkValidation>('bulk.validate', {
      supplier: 'ascenda',
      fileName: 'twice.csv',
      // The same member, card and value twice: the second is a possible second payment.
      csv: [HEADER, line(refs[0]!, member), line(refs[1]!, member), line(refs[2]!, `${member}-other`)].join(
        '\n',
      ),
    });
    const batchId = checked.batch!.id;
    expect(checked.batch).toMatchObject({ state: 'ready', rowCount: 3 });
    await call('bulk.start', { batchId });
    const { batch, rows } = await finished(batchId);
    expect(batch.counts).toMatchObject({ placed: 2, held: 1, failed: 0 });
    const held = rows.find((r) => r.state === 'held')!;
    expect(held.held![0]).toMatchObject({ source: 'journal' });
    await expect(call('bulk.release', { batchId, line: held.line, reason: 'short' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const reason = 'Member asked for two cards, ticket 9912';
    const released = await call<BulkRow>('bulk.release', { batchId, line: held.line, reason });
    expect(released).toMatchObject({ state: 'placed', override: reason });
    const audit = await call<AuditPage>('audit.query', {
      filter: { subject: held.reference },
      offset: 0,
      limit: 10,
    });
    expect(audit.entries.find((e) => e.action === 'placement journaled')?.details).toMatchObject({
      intentOverride: reason,
    });

    const exported = await call<{ file: string; rows: number }>('bulk.export', { batchId });
    const result = parse(readFileSync(exported.file, 'utf8').replace(/^\uFEFF/, ''), {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(result.map((r) => [r.Reference, r.Row])).toEqual(refs.map((r) => [r, 'placed']));
    expect(result.find((r) => r.Reference === held.reference)!['Reason placed anyway']).toBe(reason);
  });

  it('pauses between rows and resumes where it stopped; a batch is started once', async () => {
    const stamp = randomUUID().slice(0, 8);
    const csv = [HEADER, ...Array.from({ length: 40 }, (_, i) => line(`p-${stamp}-${i}`, `M-${stamp}-${i}`))];
    const { batch } = await call<BulkValidation>('bulk.validate', {
      supplier: 'ascenda',
      fileName: 'p.csv',
      csv: csv.join('\n'),
    });
    await call('bulk.start', { batchId: batch!.id });
    const paused = await call<BulkBatch>('bulk.pause', { batchId: batch!.id });
    expect(paused.state).toBe('paused');
    const still = (await call<{ batch: BulkBatch }>('bulk.batch', { batchId: batch!.id })).batch;
    expect(still.counts.placed).toBeLessThan(40);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await call<{ batch: BulkBatch }>('bulk.batch', { batchId: batch!.id })).batch.counts.placed).toBe(
      still.counts.placed,
    );
    await expect(call('bulk.start', { batchId: batch!.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await call('bulk.resume', { batchId: batch!.id });
    const done = await finished(batch!.id);
    expect(done.batch.counts).toMatchObject({ placed: 40, held: 0, failed: 0, pending: 0, placing: 0 });
    expect(new Set(done.rows.map((r) => r.placementId)).size).toBe(40);
  });

  it('refuses a file whose reference is already journaled, naming where', async () => {
    const reference = `dup-${randomUUID()}`;
    await call<BulkValidation>('bulk.validate', {
      supplier: 'ascenda',
      fileName: 'one.csv',
      csv: [HEADER, line(reference, 'M-one')].join('\n'),
    }).then((v) => call('bulk.start', { batchId: v.batch!.id }).then(() => finished(v.batch!.id)));
    const again = await call<BulkValidation>('bulk.validate', {
      supplier: 'ascenda',
      fileName: 'again.csv',
      csv: [HEADER, line(reference, 'M-one')].join('\n'),
    });
    expect(again.batch).toBeNull();
    expect(again.bad[0]!.errors[0]).toMatch(
      new RegExp(`reference: ${reference} is already used \\(placement #\\d+ at Ascenda`),
    );
  });
});
