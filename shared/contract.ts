import { z } from 'zod';
import type { DeskHealth } from './health';
import type { ConnectionTestResult } from './connection';
import { conformanceRequestSchema, type ConformanceReport } from './conformance';
import { supplierSchema, type AppInfo, type Profile, type SandboxEndpoints } from './domain';
import {
  historyFilterSchema,
  historyQuerySchema,
  HISTORY_SORT_COLUMNS,
  type ExportProgress,
  type HistoryOrderDetail,
  type HistoryPage,
  type QuarantineReply,
  type SyncProgress,
} from './history';
import type { BalanceAlert, BalanceStatus } from './balance';
import type { CatalogueSnapshot, GiftCard, Option, Product } from './catalogue';
import { auditFilterSchema, auditQuerySchema, type AuditPage } from './audit';
import {
  bulkBatchSchema,
  bulkReleaseSchema,
  bulkStartSchema,
  bulkValidateSchema,
  type BulkBatch,
  type BulkRow,
  type BulkValidation,
} from './bulk';
import {
  failureFilterSchema,
  pointsCorrectionSchema,
  type FailureRow,
  type FailuresReply,
  type LedgerReply,
} from './failures';
import { memberQuerySchema, type MemberView } from './member';
import { noteAddSchema, noteListSchema, type OrderNote } from './notes';
import { queueQuerySchema, type QueueReply, type QueueSummary } from './queues';
import { reconciliationRunSchema, type ReconciliationReport } from './reconciliation';
import { ledgerFilterSchema, refundRecordSchema, refundReopenSchema } from './refunds';
import type { SyncSchedule } from './schedule';
import { viewSaveSchema, type SavedViews } from './views';
import { lookupQuerySchema, type LookupReply, type LookupResult } from './lookup';
import { placementDraftSchema, reasonSchema, type Placement, type PlacementQuote } from './placement';
import { currencyCodeSchema } from './points';
import type { DeletionCheck } from './profile-deletion';
import { profileDraftSchema, profileEditSchema, profileIdSchema } from './profile-schema';
import { secretFieldSchema, secretValueSchema, type SecretStatus } from './secrets';
import type { DiagnosticsExport } from './diagnostics';
import type { PlacementNotice } from './notices';
import { SCREENS, type Navigation, type ScreenId } from './screens';
import { membershipCheckSchema, type MembershipCheck, type ProgramSnapshot } from './transfers';
import { updateSettingsSchema, type UpdateCheck, type UpdateSettings } from './updates';

/** A phantom marker: carries an output type through the contract without a runtime value. */
const returns = <T>() => undefined as unknown as T;

const noInput = z.undefined({ error: 'this channel takes no input' });
const byId = z.object({ id: profileIdSchema }).strict();
const byProfile = z.object({ profileId: profileIdSchema }).strict();
const suppliers = z
  .object({
    suppliers: z
      .array(supplierSchema)
      .min(1)
      .max(2)
      .optional(),
  })
  .strict()
  .optional();

/**
 * Every request channel, declared once: name -> input schema + output type. Main's router validates with the
 * schema, preload and the bridge client build window.desk from the names, the renderer gets the types.
 */
export const channels = {
  'app.info': { input: noInput, output: returns<AppInfo>() },
  'profiles.list': { input: noInput, output: returns<Profile[]>() },
  'profiles.create': { input: profileDraftSchema.strict(), output: returns<Profile>() },
  /** A partial edit; on the built-in Sandbox only the agent’s own settings (rates, limits, name, thresholds) may change. */
  'profiles.update': {
    input: z.object({ id: profileIdSchema, changes: profileEditSchema.strict() }).strict(),
    output: returns<Profile>(),
  },
  /**
   * Deletes the profile and its keychain entries, archiving its journal and audit log (read-only in Lookup);
   * refused (CONFLICT, with the list) while a placement is unfinished or a refund unhandled.
   */
  'profiles.delete': { input: byId, output: returns<{ secretsCleared: number; archive: string }>() },
  /** What stands in the way of deleting a profile, before the agent asks. */
  'profiles.deletionCheck': { input: byId, output: returns<DeletionCheck>() },
  /** Says which currency an older desk's single cost per point was for (audited). */
  'profiles.assignLegacyRate': {
    input: z.object({ id: profileIdSchema, currency: currencyCodeSchema }).strict(),
    output: returns<Profile>(),
  },
  'profiles.activate': { input: byId, output: returns<Profile>() },
  /** Which credentials are set. There is deliberately no channel that reads one back. */
  'secrets.status': { input: byProfile, output: returns<SecretStatus>() },
  'secrets.set': {
    input: z
      .object({ profileId: profileIdSchema, field: secretFieldSchema, value: secretValueSchema })
      .strict(),
    output: returns<SecretStatus>(),
  },
  'secrets.clear': {
    input: z.object({ profileId: profileIdSchema, field: secretFieldSchema }).strict(),
    output: returns<SecretStatus>(),
  },
  'connection.test': {
    input: z.object({ profileId: profileIdSchema, supplier: supplierSchema }).strict(),
    output: returns<ConnectionTestResult>(),
  },
  /**
   * The calibration probe: compares every INFERRED supplier setting with what the profile's suppliers answer,
   * writes a redacted report to the data folder; a test order is refused on Production.
   */
  'conformance.check': { input: conformanceRequestSchema, output: returns<ConformanceReport>() },
  'sandbox.endpoints': { input: noInput, output: returns<SandboxEndpoints>() },
  /** Starts a history sync (per supplier, unless one is running); progress arrives as `history.progress`. */
  'history.sync': { input: suppliers, output: returns<SyncProgress[]>() },
  'history.cancel': { input: suppliers, output: returns<SyncProgress[]>() },
  'history.status': { input: noInput, output: returns<SyncProgress[]>() },
  /** Orders the sync could not read or cache, named by id and the field at fault. */
  'history.quarantine': { input: noInput, output: returns<QuarantineReply>() },
  /** A window of cached orders: works offline. */
  'history.query': { input: historyQuerySchema, output: returns<HistoryPage>() },
  'history.order': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: returns<HistoryOrderDetail>(),
  },
  /** Writes the filtered history to a CSV file in the data folder; progress arrives as `history.exportProgress`. */
  'history.export': {
    input: z
      .object({
        filter: historyFilterSchema,
        sort: z.object({ column: z.enum(HISTORY_SORT_COLUMNS), direction: z.enum(['asc', 'desc']) }).strict(),
      })
      .strict(),
    output: returns<{ exportId: string; file: string }>(),
  },
  /** Journals the order, then sends it; the placement's progress arrives as `placements.updated`. */
  'placements.place': { input: placementDraftSchema.strict(), output: returns<Placement>() },
  'placements.get': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: returns<Placement>(),
  },
  'placements.recent': { input: noInput, output: returns<Placement[]>() },
  /**
   * Sends a placement again with the same reference: after a refusal that can pass (funds, rate, credentials),
   * after Ops says it was not received (reason required), or after "not ours".
   */
  'placements.retry': {
    input: z.object({ id: z.number().int().positive(), reason: reasonSchema.optional() }).strict(),
    output: returns<Placement>(),
  },
  /** A corrected request under the same reference after a documented refusal: a new revision, audited. */
  'placements.revise': {
    input: z
      .object({
        id: z.number().int().positive(),
        order: placementDraftSchema.shape.order,
        reason: reasonSchema,
      })
      .strict(),
    output: returns<Placement>(),
  },
  /** Settles an order the supplier handed back that the desk could not prove ours (typed reason, audited). */
  'placements.resolve': {
    input: z
      .object({
        id: z.number().int().positive(),
        verdict: z.enum(['ours', 'not_ours']),
        reason: reasonSchema,
      })
      .strict(),
    output: returns<Placement>(),
  },
  /** Points for the member and, for GiftCard Partners, the deposit cost against what it holds. */
  'placements.quote': {
    input: z
      .object({
        supplier: supplierSchema,
        productId: z.string().trim().min(1).max(100),
        value: z.number().positive().max(1_000_000),
        quantity: z.number().int().min(1).max(10_000),
        currency: z.string().length(3).optional(),
      })
      .strict(),
    output: returns<PlacementQuote>(),
  },
  'catalogue.search': {
    input: z.object({ supplier: supplierSchema, text: z.string().trim().max(100) }).strict(),
    output: returns<Array<GiftCard | Product>>(),
  },
  /** The cached catalogues with their freshness; a stale supplier starts refreshing in the background. */
  'catalogue.snapshot': { input: noInput, output: returns<CatalogueSnapshot>() },
  /** Reads the suppliers' listings now (both, or one), then answers with the cache. */
  'catalogue.refresh': {
    input: z.object({ supplier: supplierSchema.optional() }).strict(),
    output: returns<CatalogueSnapshot>(),
  },
  /** Ascenda's loyalty programmes with their freshness (the catalogue's rule); a stale list starts refreshing. */
  'programs.snapshot': { input: noInput, output: returns<ProgramSnapshot>() },
  /** Reads the programme list now, then answers with the cache. */
  'programs.refresh': { input: noInput, output: returns<ProgramSnapshot>() },
  /**
   * Asks the programme whether a membership number belongs to this name, before a transfer: a refusal is an
   * answer (valid: false, its code explained); nothing is journaled either way.
   */
  'programs.checkMembership': { input: membershipCheckSchema, output: returns<MembershipCheck>() },
  /** The deposit account: latest, 30 days of history, committed spend, runway, thresholds, recent alerts. */
  'balance.status': { input: noInput, output: returns<BalanceStatus>() },
  /** Reads the deposit balance now. */
  'balance.check': { input: noInput, output: returns<BalanceStatus>() },
  'catalogue.shipping': {
    input: noInput,
    output: returns<{ shippingMethods: Option[]; carriers: Option[] }>(),
  },
  /** The cache and journal (live: false, instant and offline), or those and both suppliers (live: true). */
  'lookup.search': { input: lookupQuerySchema, output: returns<LookupReply>() },
  /** Re-reads one order from its supplier, by its id or else by reference, and caches it. */
  'lookup.refresh': {
    input: z
      .object({
        supplier: supplierSchema,
        reference: z.string().trim().min(1).max(200),
        supplierOrderId: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    output: returns<LookupResult>(),
  },
  'failures.list': { input: failureFilterSchema, output: returns<FailuresReply>() },
  /** Corrects the points an order owes when no rate was journaled with it (typed reason, audited). */
  'failures.correctPoints': { input: pointsCorrectionSchema, output: returns<FailureRow>() },
  'failures.export': {
    input: failureFilterSchema,
    output: returns<{ file: string; rows: number }>(),
  },
  /** The active profile's cache (read-only, damaged, disk full) and the suppliers' clocks, for the banners. */
  'health.status': { input: noInput, output: returns<DeskHealth>() },
  /** Starts the full integrity check of the active profile's cache; the window asks after its first screen. */
  'health.verify': { input: noInput, output: returns<DeskHealth>() },
  /** Where a desk link, a notification or the menu sent the agent, once (null: nowhere); `app.navigate` says when. */
  'app.takeNavigation': { input: noInput, output: returns<Navigation | null>() },
  /** The screen last open in this display layout (the desktop app; the bridge's tabs keep their own: null). */
  'app.lastScreen': { input: noInput, output: returns<ScreenId | null>() },
  'app.rememberScreen': {
    input: z
      .object({ screen: z.enum(SCREENS.map((screen) => screen.id) as [ScreenId, ...ScreenId[]]) })
      .strict(),
    output: returns<ScreenId>(),
  },
  /** One zip with the redacted logs, versions, settings without secrets, migration state and probe report. */
  'app.exportDiagnostics': { input: noInput, output: returns<DiagnosticsExport>() },
  'updates.settings': { input: noInput, output: returns<UpdateSettings>() },
  'updates.configure': { input: updateSettingsSchema, output: returns<UpdateSettings>() },
  /** Asks the update feed now (the desktop app; the browser bridge answers `unsupported`). */
  'updates.check': { input: noInput, output: returns<UpdateCheck>() },
  /** Refunds owed and recorded, with totals per day and per agent. */
  'refunds.ledger': { input: ledgerFilterSchema, output: returns<LedgerReply>() },
  /**
   * Records a refund as refunded (with the loyalty system's transaction id) or not owed (with a reason), audited;
   * a second recording answers CONFLICT "already recorded by <agent> at <time>".
   */
  'refunds.record': { input: refundRecordSchema, output: returns<FailureRow>() },
  /** Reverses a recording with a reason (a new audited entry): the refund is owed again. */
  'refunds.reopen': { input: refundReopenSchema, output: returns<FailureRow>() },
  'refunds.export': { input: ledgerFilterSchema, output: returns<{ file: string; rows: number }>() },
  /** Every work queue's count, from the cache and the journal. */
  'queues.summary': { input: noInput, output: returns<QueueSummary>() },
  /** One work queue's items, oldest first, with every count. */
  'queues.list': { input: queueQuerySchema, output: returns<QueueReply>() },
  /** A member's orders across both suppliers and the journal, refunds, open placements and notes. */
  'members.view': { input: memberQuerySchema, output: returns<MemberView>() },
  'notes.add': { input: noteAddSchema, output: returns<OrderNote>() },
  'notes.list': { input: noteListSchema, output: returns<OrderNote[]>() },
  'audit.query': { input: auditQuerySchema, output: returns<AuditPage>() },
  'audit.export': {
    input: z.object({ filter: auditFilterSchema }).strict(),
    output: returns<{ file: string; rows: number }>(),
  },
  /** The profile's saved History and Failures views (filters, sort, columns). */
  'views.get': { input: noInput, output: returns<SavedViews>() },
  'views.save': { input: viewSaveSchema, output: returns<SavedViews>() },
  /** The background history sync: when it runs next, how it last went, whether it is paused. */
  'schedule.status': { input: noInput, output: returns<SyncSchedule>() },
  'schedule.pause': { input: noInput, output: returns<SyncSchedule>() },
  'schedule.resume': { input: noInput, output: returns<SyncSchedule>() },
  /** A supplier's bulk CSV template, written to the exports folder. */
  'bulk.template': {
    input: z.object({ supplier: supplierSchema }).strict(),
    output: returns<{ file: string; csv: string }>(),
  },
  /** Checks every row of a file; a file without a bad row becomes a batch ready to start (nothing is sent). */
  'bulk.validate': { input: bulkValidateSchema, output: returns<BulkValidation>() },
  /** Starts a checked batch; Production needs the row count and total per currency typed back. */
  'bulk.start': { input: bulkStartSchema, output: returns<BulkBatch>() },
  'bulk.pause': { input: bulkBatchSchema, output: returns<BulkBatch>() },
  'bulk.resume': { input: bulkBatchSchema, output: returns<BulkBatch>() },
  /** Places one held row with its own typed reason. */
  'bulk.release': { input: bulkReleaseSchema, output: returns<BulkRow>() },
  'bulk.batches': { input: noInput, output: returns<BulkBatch[]>() },
  'bulk.batch': { input: bulkBatchSchema, output: returns<{ batch: BulkBatch; rows: BulkRow[] }>() },
  /** The batch's result, one line per row, to a CSV file. */
  'bulk.export': { input: bulkBatchSchema, output: returns<{ file: string; rows: number }>() },
  /** Sets the suppliers' history against the journal and the deposit for a period (24 h by default). */
  'reconciliation.run': { input: reconciliationRunSchema, output: returns<ReconciliationReport>() },
  'reconciliation.latest': { input: noInput, output: returns<ReconciliationReport | null>() },
} as const;

/** Events main pushes to the renderer: name -> payload type. */
export const events = {
  'profiles.changed': returns<{ activeProfileId: string }>(),
  'history.progress': returns<SyncProgress & { profileId: string }>(),
  'history.exportProgress': returns<ExportProgress>(),
  'placements.updated': returns<Placement>(),
  'catalogue.updated': returns<{ profileId: string }>(),
  'balance.updated': returns<{ profileId: string; status: BalanceStatus }>(),
  'balance.alert': returns<BalanceAlert & { profileId: string }>(),
  'health.changed': returns<DeskHealth>(),
  /** Something outside the page (a desk link, a notification, the menu) has a navigation waiting. */
  'app.navigate': returns<Navigation>(),
  'placements.notice': returns<PlacementNotice>(),
  /** Something a work queue counts changed (a placement, a sync, the ledger): read the counts again. */
  'queues.changed': returns<{ profileId: string }>(),
  'schedule.updated': returns<SyncSchedule>(),
  'bulk.progress': returns<BulkBatch & { profileId: string }>(),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type InputOf<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ParsedInputOf<K extends ChannelName> = z.output<Channels[K]['input']>;
export type OutputOf<K extends ChannelName> = Channels[K]['output'];

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Events[E];

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.hasOwn(channels, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);
