import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { devJwtSecretPath, loadOrCreateDevJwtSecret } from './dev-jwt-secret';

describe('the development JWT secret file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'puffy-jwt-secret-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lives beside the embedded database folder', () => {
    expect(devJwtSecretPath('/srv/shop/.data/pglite')).toBe('/srv/shop/.data/jwt-secret');
  });

  it('is made once, readable by its owner only, and the same on every later start', async () => {
    const path = join(dir, 'nested', 'jwt-secret');
    const first = await loadOrCreateDevJwtSecret(path);
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateDevJwtSecret(path)).toBe(first);
  });

  it('two processes starting at once agree on one secret', async () => {
    const path = join(dir, 'jwt-secret');
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => loadOrCreateDevJwtSecret(path)));
    expect(new Set([a, b, c]).size).toBe(1);
  });

  it('refuses a file that holds no usable secret rather than signing with it', async () => {
    const path = join(dir, 'jwt-secret');
    await writeFile(path, 'short\n');
    await expect(loadOrCreateDevJwtSecret(path)).rejects.toThrow(/no usable secret/);
  });
});
