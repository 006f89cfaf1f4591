import type { Supplier } from '../../shared/domain';
import { CLOCK_SKEW_TOLERANCE_MS, type ClockSkew } from '../../shared/health';
import type { Clock } from './clock';

/**
 * Each supplier's clock against this computer's, from the `Date` header of its answers. The header has
 * one-second resolution and the answer spent time in flight, so only a difference past the tolerance counts;
 * the latest reading replaces the earlier one, so a corrected clock clears the warning.
 */
export class ClockSkewTracker {
  private readonly readings = new Map<string, ClockSkew>();

  constructor(
    private readonly clock: Clock,
    private readonly onChange: (profileId: string) => void = () => {},
  ) {}

  /** One answer's `Date` header (raw), read when it arrived. Ignores a missing or unparseable header. */
  observe(profileId: string, supplier: Supplier, dateHeader: unknown): void {
    if (typeof dateHeader !== 'string') return;
    const supplierMs = Date.parse(dateHeader);
    if (Number.isNaN(supplierMs)) return;
    const localMs = this.clock.now();
    const key = `${profileId}:${supplier}`;
    const before = this.readings.get(key);
    const skewMs = supplierMs - localMs;
    this.readings.set(key, { supplier, skewMs, seenAt: new Date(localMs).toISOString() });
    const moved = before !== undefined && Math.abs(before.skewMs - skewMs) > CLOCK_SKEW_TOLERANCE_MS;
    if (moved || significant(before) !== significant(this.readings.get(key))) this.onChange(profileId);
  }

  /** The suppliers of a profile whose clock is off by more than the tolerance. */
  skewed(profileId: string): ClockSkew[] {
    return [...this.readings.entries()]
      .filter(([key, reading]) => key.startsWith(`${profileId}:`) && significant(reading))
      .map(([, reading]) => reading);
  }
}

const significant = (reading: ClockSkew | undefined) =>
  reading !== undefined && Math.abs(reading.skewMs) > CLOCK_SKEW_TOLERANCE_MS;
