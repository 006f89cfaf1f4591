import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * A small JSON settings file in the data folder (window layouts, update feed): written atomically (temp file +
 * rename) so a crash cannot leave half a file; one that fails validation is moved aside, never overwritten, and
 * the desk carries on with the defaults, saying so.
 */
export class SettingsFile<T> {
  /** Set when the file existed but could not be read. */
  warning: string | null = null;
  private data: T;

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    defaults: () => T,
  ) {
    this.data = this.load(defaults);
  }

  get value(): T {
    return this.data;
  }

  update(change: (current: T) => T): T {
    const next = this.schema.parse(change(this.data));
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
    this.data = next;
    return next;
  }

  private load(defaults: () => T): T {
    if (!existsSync(this.file)) return defaults();
    let problem: string;
    try {
      const parsed = this.schema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
      problem = z.prettifyError(parsed.error);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    const aside = `${this.file}.unreadable-${Date.now()}`;
    renameSync(this.file, aside);
    this.warning = `${path.basename(this.file)} could not be read (${problem.split('\n')[0]}); it was kept as ${aside} and the defaults are used.`;
    return defaults();
  }
}
