import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type DatabaseHandle, openPglite } from '../src/db/client';
import { migrateEmbedded } from '../src/db/migrate';
import { MIGRATIONS_FOLDER } from '../src/paths';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite data dir, written once by global setup. */
    pgliteTemplate?: string;
  }
}

/**
 * Starting a PGlite runs initdb, which costs seconds of CPU; loading a copy of a data dir costs a
 * fraction of that. Global setup migrates one database and saves its data dir; every world starts
 * from a copy of it, so no test pays for initdb or migrations again.
 */
export async function writePgliteTemplate(): Promise<{ path: string; remove(): void }> {
  const handle = await openPglite(undefined);
  await migrateEmbedded(handle, MIGRATIONS_FOLDER);
  const dump = await handle.pglite.dumpDataDir('none');
  await handle.close();
  const dir = await mkdtemp(join(tmpdir(), 'puffy-pglite-'));
  const path = join(dir, 'migrated.tar');
  writeFileSync(path, new Uint8Array(await dump.arrayBuffer()));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

let template: Blob | undefined;

/** A fresh, migrated in-memory PGlite: a copy of the template when global setup made one. */
export async function openMigratedPglite(): Promise<DatabaseHandle> {
  const path = inject('pgliteTemplate');
  if (path === undefined) {
    const handle = await openPglite(undefined);
    await migrateEmbedded(handle, MIGRATIONS_FOLDER);
    return handle;
  }
  template ??= new Blob([readFileSync(path)]);
  return openPglite(undefined, { loadDataDir: template });
}
