/** Domain types shared by main and renderer. Supplier wire shapes never appear here. */
import { z } from 'zod';
import type { PointRates } from './points';

export type Environment = 'sandbox' | 'uat' | 'production';

/** The one supplier schema: every supplier-keyed input, record and table reads it. */
export const supplierSchema = z.enum(['ascenda', 'gcp']);
export type Supplier = z.infer<typeof supplierSchema>;
export const SUPPLIERS: readonly Supplier[] = supplierSchema.options;

export const SUPPLIER_NAMES: Record<Supplier, string> = {
  ascenda: 'Ascenda',
  gcp: 'GiftCard Partners',
};

/** One set of supplier endpoints plus the agent's settings. Credentials are never part of it (keychain only). */
export interface Profile {
  id: string;
  name: string;
  environment: Environment;
  builtIn: boolean;
  /** Ascenda region code such as `us` (the host pattern is INFERRED), or `custom`. */
  ascendaRegion: string;
  /** Empty on the Sandbox profile: its simulators get a fresh loopback port each run. */
  ascendaBaseUrl: string;
  gcpBaseUrl: string;
  /** Cost per point by currency: the member pays face value ÷ CPP points (CONFIRMED, GC-GUIDE). */
  pointRates: PointRates;
  /**
   * The single cost per point (and per-order maximum) of an older desk, waiting for the agent to say which
   * currency it was for: it prices nothing until then (no silent default).
   */
  legacyRate: { costPerPoint: number; maxOrderValue: number } | null;
  /** Written to the audit log with every manual action. */
  agentName: string;
  /** Largest face value per order on a Production profile, by currency. */
  maxOrderValues: Record<string, number>;
  /** The same member, product and value within this many days needs a typed reason to place again. */
  duplicateWindowDays: number;
  /** An item status the desk does not know raises an alert after this many hours. */
  unknownStatusAlertHours: number;
  /** Available deposit amounts that raise a low-balance alert. */
  lowBalanceThresholds: number[];
  /** The GiftCard Partners deposit's currency code; empty until set in Settings or adopted from the first reading. */
  depositCurrency: string;
  /** The supplier portal "Request funding" opens (http(s)); empty when not set. */
  fundingPortalUrl: string;
}

export type Transport = 'electron' | 'bridge';

/** Base URLs of the local supplier simulators behind the Sandbox profile. */
export type SandboxEndpoints = Record<Supplier, string>;

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  activeProfile: Profile;
  transport: Transport;
  /** Problems found at start-up that the agent should know about (e.g. an unreadable settings file). */
  warnings: string[];
}
