import type { Supplier } from './domain';

/** What the agent is told about the active profile's cache (banners), and how durable its writes are. */
export interface CacheHealth {
  state: 'ok' | 'read_only' | 'corrupt' | 'disk_full';
  /** The banner's words: what is wrong, with the file or folder, and what to do; null when all is well. */
  message: string | null;
  file: string;
  folder: string;
  journalMode: string;
  synchronous: 'off' | 'normal' | 'full' | 'extra' | 'unknown';
}

/** A supplier's clock against this computer's, from the `Date` header of its last answer. */
export interface ClockSkew {
  supplier: Supplier;
  /** Supplier time minus local time: positive when the supplier's clock is ahead. */
  skewMs: number;
  /** When it was seen (local clock, ISO). */
  seenAt: string;
}

export interface DeskHealth {
  profileId: string;
  cache: CacheHealth;
  /** Whether the full integrity check has run on this cache in this session (it runs after the first screen). */
  verified: 'not_yet' | 'running' | 'done';
  /** Where exports are written: the data folder's `exports`, or elsewhere when that cannot be written. */
  exportFolder: string;
  /** Suppliers whose clock differs from this computer's by more than the desk tolerates. */
  clockSkew: ClockSkew[];
}

/** Past this, a supplier's clock and this computer's disagree enough to mislead an agent reading times. */
export const CLOCK_SKEW_TOLERANCE_MS = 2 * 60 * 1000;
