import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Placement } from '../../../shared/placement';
import { PlacementsStore } from './placements-store';
import type { ArchiveInfo, ArchiveSearch } from '../protocol/api';

interface OpenArchive {
  info: ArchiveInfo;
  db: Database.Database;
  placements: PlacementsStore;
}

/**
 * The journals of deleted profiles, opened read-only and searched like the live journal, so Lookup still
 * answers for a placement whose profile is gone. Files are opened once and kept; a new archive is picked up
 * on the next search.
 */
export class JournalArchives implements ArchiveSearch {
  private readonly open = new Map<string, OpenArchive | null>();

  /** `folder`: where deleted profiles' archives are kept (`DataPaths.archive`). */
  constructor(private readonly folder: string) {}

  search(
    text: string,
    limit: number,
  ): Array<{ archive: ArchiveInfo; placement: Placement; match: 'exact' | 'prefix' }> {
    const found: Array<{ archive: ArchiveInfo; placement: Placement; match: 'exact' | 'prefix' }> = [];
    for (const archive of this.archives()) {
      for (const hit of archive.placements.search(text, limit)) found.push({ archive: archive.info, ...hit });
    }
    return found.slice(0, limit);
  }

  close(): void {
    for (const archive of this.open.values()) archive?.db.close();
    this.open.clear();
  }

  private archives(): OpenArchive[] {
    const folder = this.folder;
    if (!existsSync(folder)) return [];
    for (const name of readdirSync(folder)) {
      if (!name.endsWith('.sqlite') || this.open.has(name)) continue;
      this.open.set(name, this.openOne(path.join(folder, name)));
    }
    return [...this.open.values()].filter((a): a is OpenArchive => a !== null);
  }

  /** Read-only; a file that is not a readable archive is skipped (and not retried), never changed. */
  private openOne(file: string): OpenArchive | null {
    let db: Database.Database | null = null;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      const meta = Object.fromEntries(
        (
          db.prepare('SELECT key, value FROM archive_meta').all() as Array<{ key: string; value: string }>
        ).map((row) => [row.key, row.value]),
      );
      return {
        db,
        info: {
          file,
          profileId: meta.profileId ?? '',
          profileName: meta.profileName ?? path.basename(file, '.sqlite'),
          archivedAt: meta.archivedAt ?? '',
        },
        placements: new PlacementsStore(db),
      };
    } catch {
      db?.close();
      return null;
    }
  }
}
