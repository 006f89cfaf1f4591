import type { Agent } from 'node:http';
import type { Supplier } from '../../shared/domain';
import type {
  CatalogueItem,
  Option,
  Page,
  ReferenceListName,
  UnreadableRecord,
} from '../../shared/catalogue';
import type { ConformanceCheck } from '../../shared/conformance';
import type { DepositBalance, OrderListQuery, SupplierOrder } from '../../shared/orders';
import type { PlacementOrder } from '../../shared/placement';
import type { LoyaltyProgram, Membership, MembershipCheck } from '../../shared/transfers';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';

/** One send of a journaled revision: every resend of the same revision carries exactly these. */
export interface CreateAttempt {
  /** Fixed when the revision was journaled (Ascenda's `transacted_at`). */
  transactedAt: string;
  /** Rises only with a correction or a retry after a definite refusal; part of the idempotency key. */
  revision: number;
}

/** How big a page a full listing asks for, and after how many pages it stops (a runaway guard). */
export interface ListingLimits {
  pageSize: number;
  maxPages: number;
}

export interface ProbeOptions {
  /** Also place one order under `reference` to see what only a create shows (never on Production). */
  testOrder: { reference: string; transactedAt: string } | null;
}

export interface ProbeResult {
  checks: ConformanceCheck[];
  /** The test order's outcome in plain words, when one was asked for. */
  testOrder: string | null;
}

/**
 * What every supplier offers the desk, with the same method names, so services and jobs never branch on the
 * supplier: each provider folder implements it, and a new supplier is one more folder (and one line in
 * `registry.ts`). Failures throw a SupplierError classified into the shared taxonomy; only a documented refusal
 * is DEFINITE_REJECTION, INSUFFICIENT_FUNDS or AUTH on a create (ARCHITECTURE "Money-safe outcomes").
 */
export interface SupplierPort {
  readonly supplier: Supplier;
  /** The API version the desk asks for, where the supplier versions its API; else null. */
  readonly apiVersion: string | null;
  readonly listing: ListingLimits;
  /** Obtains a token now (cached for later calls). */
  authenticate(): Promise<void>;
  /** One page of the catalogue (1-based); unreadable items are named in `unreadable`, not thrown. */
  listCatalogue(page: number, pageSize: number): Promise<Page<CatalogueItem>>;
  /** Reference lists that travel with the catalogue, where the supplier has any. */
  listReferenceLists?(): Promise<Record<ReferenceListName, Option[]>>;
  /** Sends one journaled order; the reference is the supplier's idempotency key. */
  createOrder(order: PlacementOrder, attempt: CreateAttempt): Promise<SupplierOrder>;
  /** The order with exactly this reference, or null. */
  findOrderByReference(reference: string): Promise<SupplierOrder | null>;
  getOrder(id: string): Promise<SupplierOrder>;
  /** One page of order history, newest first; unreadable orders are named in `unreadable`, not thrown. */
  listOrders(query?: OrderListQuery): Promise<Page<SupplierOrder>>;
  /** The deposit balance, where the supplier keeps one. */
  balance?(): Promise<DepositBalance>;
  /** The loyalty programmes points can be transferred to, where the supplier has any (Ascenda). */
  listPrograms?(): Promise<{ programs: LoyaltyProgram[]; unreadable: UnreadableRecord[] }>;
  /**
   * One loyalty programme read now (its current rules), where the supplier serves single programmes. A programme
   * the supplier does not know (any more) throws NOT_FOUND, the supplier's code with it (Ascenda: NN1002).
   */
  programDetail?(id: string): Promise<LoyaltyProgram>;
  /**
   * Checks a member's programme membership before a transfer. A documented refusal comes back as a result with
   * its code and words (never thrown); a failure to ask (network, credentials) throws as any call does.
   */
  validateMembership?(programId: string, membership: Membership): Promise<MembershipCheck>;
  /** One catalogue item read now (its current cost terms), where the supplier serves single items. */
  catalogueItem?(id: string): Promise<CatalogueItem>;
  /** The cheapest reads that prove the API answers (and accepts the version): a one-line summary. */
  checkConnection(): Promise<string>;
  /** Compares every INFERRED setting with what the supplier actually answers (calibration probe). */
  probe(options: ProbeOptions): Promise<ProbeResult>;
}

/** What every supplier client is built from: where, with which credentials and settings, and the desk's plumbing. */
export interface ClientOptions<Credentials, Config> {
  baseUrl: string;
  credentials: Credentials;
  config?: Partial<Config>;
  logger: Logger;
  redactor: Redactor;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  httpsAgent?: Agent;
  /** Hears each answer's `Date` header (clock-skew detection). */
  onResponseDate?: (dateHeader: unknown) => void;
}
