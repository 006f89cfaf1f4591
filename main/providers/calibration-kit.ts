import { z } from 'zod';

/** A query parameter or header name a calibration may set. */
export const calibratedName = z.string().min(1).max(60);

const statusNames = z.array(z.string().min(1).max(40)).min(1).max(10);

/** Which supplier status strings mean each item state, any of them set by a calibration. */
export const itemStatusCalibration = z
  .object({
    pending: statusNames,
    processing: statusNames,
    fulfilled: statusNames,
    failed: statusNames,
    cancelled: statusNames,
  })
  .partial()
  .strict();

/** Headers the supplier's request id may come back in. */
export const requestIdHeadersCalibration = z.array(calibratedName).min(1).max(5);

type Tables<C> = { [K in keyof C]: C[K] extends Record<string, unknown> ? K : never }[keyof C];

/**
 * A supplier client's defaults with a profile's calibration and any per-use tuning laid over them: the nested
 * tables named in `tables` (paths, query names, statuses) merge key by key, everything else is replaced.
 */
export function layered<C extends object>(
  base: C,
  calibration: { [K in keyof C]?: C[K] extends Record<string, unknown> ? Partial<C[K]> : C[K] },
  tables: ReadonlyArray<Tables<C>>,
  tuning: Partial<C> = {},
): C {
  const merged = { ...base, ...calibration } as C;
  for (const table of tables) merged[table] = { ...base[table], ...calibration[table] } as C[typeof table];
  return { ...merged, ...tuning };
}
