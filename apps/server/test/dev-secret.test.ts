import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcClient } from './http';
import { spawnServer } from './spawn-server';
import { createWallet, signIn } from './wallet';

/**
 * `pnpm dev` without JWT_SECRET: restarting the API (saving a server file, changing a setting)
 * must not sign anyone out. The real entry point, twice, on one data folder.
 */
describe('a development API restarted without JWT_SECRET', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'puffy-dev-secret-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const start = () =>
    spawnServer(['--role', 'api'], {
      PORT: '0',
      PGLITE_DIR: join(dir, 'pglite'),
      LOG_LEVEL: 'info',
    });

  it('keeps the sessions it issued before the restart', async () => {
    const wallet = await createWallet();
    const first = start();
    let token: string;
    try {
      const url = await first.listening();
      token = (await signIn(trpcClient(url), wallet)).token;
    } finally {
      await first.stop();
    }
    expect(first.output()).toContain(join(dir, 'jwt-secret'));

    const second = start();
    try {
      const url = await second.listening();
      const me = await trpcClient(url, () => token).auth.me.query();
      expect(me.user.address).toBe(wallet.address);
    } finally {
      await second.stop();
    }
  }, 240_000);
});
