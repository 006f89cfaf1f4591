import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SUPPLIER_NAMES, type Supplier } from '../../../shared/domain';
import { PROVIDERS } from '../../providers/registry';
import { supplierError } from '../../providers/supplier-error';
import type { DataPaths } from '../../environment/data-paths';

/** A setting the probe suggests, as `--apply` writes it: its dotted path in the supplier's settings and value. */
export interface CalibrationChange {
  supplier: Supplier;
  setting: string;
  value: unknown;
}

const fileSchema = z.record(z.string(), z.unknown());

/**
 * Per-profile calibration: `calibration/<profile id>.json` in the data folder holds, per supplier, the INFERRED
 * settings learnt against that profile's supplier (written by `npm run probe -- --apply`, or by hand). Clients
 * are built from the defaults with it laid over; an invalid file stops them with a message naming the file and
 * the setting, before anything is sent.
 */
export class CalibrationFiles {
  constructor(private readonly paths: DataPaths) {}

  file(profileId: string): string {
    return this.paths.calibrationFile(profileId);
  }

  /** This supplier's section of the profile's calibration, validated; empty when there is no file. */
  read(profileId: string, supplier: Supplier): unknown {
    const all = this.readAll(profileId, supplier);
    const parsed = PROVIDERS[supplier].calibration.safeParse(all[supplier] ?? {});
    if (!parsed.success) throw this.invalid(profileId, supplier, z.prettifyError(parsed.error));
    return parsed.data;
  }

  /** Lays the changes over the profile's calibration and saves it (atomically); returns the file. */
  apply(profileId: string, changes: readonly CalibrationChange[]): string {
    const all = structuredClone(this.readAll(profileId, changes[0]?.supplier ?? 'ascenda'));
    for (const change of changes) {
      const section = (all[change.supplier] ??= {}) as Record<string, unknown>;
      const keys = change.setting.split('.');
      let target = section;
      for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
      target[keys.at(-1)!] = change.value;
    }
    for (const supplier of new Set(changes.map((c) => c.supplier))) {
      const parsed = PROVIDERS[supplier].calibration.safeParse(all[supplier]);
      if (!parsed.success) throw this.invalid(profileId, supplier, z.prettifyError(parsed.error));
    }
    const file = this.file(profileId);
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
    return file;
  }

  private readAll(profileId: string, supplier: Supplier): Record<string, unknown> {
    const file = this.file(profileId);
    if (!existsSync(file)) return {};
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw this.invalid(profileId, supplier, error instanceof Error ? error.message : String(error));
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) throw this.invalid(profileId, supplier, 'the file is not a JSON object');
    return parsed.data;
  }

  private invalid(profileId: string, supplier: Supplier, problem: string) {
    return supplierError({
      kind: 'NOT_CONFIGURED',
      supplier,
      operation: 'load calibration',
      supplierMessage: `${this.file(profileId)} is not a valid calibration for ${SUPPLIER_NAMES[supplier]} (${problem.replace(/\s+/g, ' ').trim()}); fix or delete it. Nothing was sent`,
    });
  }
}
