import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rawCall } from './http';
import { spawnCommand } from './spawn-server';
import { createWallet } from './wallet';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A free port in 3150-3199 (ports below belong to long-running dev servers, not tests). */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 3150 + Math.floor(Math.random() * 50);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer()
        .once('error', () => resolve(false))
        .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port in 3150-3199');
}

type ChallengeBody = { result: { data: { json: { message: string } } } };

/**
 * The real command a developer types, through turbo's strict env mode: a setting that turbo.json
 * does not declare would never reach the server, and one from the settings file must arrive too.
 * One process for both, because starting turbo, tsx and PGlite is the expensive part.
 */
describe('pnpm dev', () => {
  const dir = mkdtempSync(join(tmpdir(), 'puffy-dev-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes settings from the environment and from the settings file, the environment first', async () => {
    const envFile = join(dir, '.env');
    writeFileSync(envFile, 'CORS_ORIGINS=http://file.example\nSIWS_DOMAIN=file-shop.example\n');
    const port = await freePort();
    // Only the server's dev task: the storefront's would start a second, unrelated server.
    const dev = spawnCommand('pnpm', ['dev', '--filter=@puffy/server'], {
      cwd: REPO_ROOT,
      env: {
        HOME: process.env.HOME ?? dir,
        TURBO_TELEMETRY_DISABLED: '1',
        CORS_ORIGINS: 'http://shop.example',
        PORT: String(port),
        ENV_FILE: envFile,
        PGLITE_DIR: join(dir, 'pglite'),
        // The worker of `pnpm dev` must not reach for the public RPC from a test.
        SOLANA_RPC_URL: 'http://127.0.0.1:9',
      },
    });
    try {
      await dev.waitFor(new RegExp(`Server listening at http://127\\.0\\.0\\.1:${port}`), 90_000);
      const base = `http://127.0.0.1:${port}`;
      // The first start says what it is doing while the database is prepared.
      const beforeListening = dev.output().split('Server listening')[0] ?? '';
      expect(beforeListening).toMatch(/preparing the database: opening PGlite/);
      expect(beforeListening).toMatch(/database ready in \d+ s/);

      const fromEnv = await fetch(`${base}/health`, { headers: { origin: 'http://shop.example' } });
      expect(fromEnv.headers.get('access-control-allow-origin')).toBe('http://shop.example');
      const fromFile = await fetch(`${base}/health`, {
        headers: { origin: 'http://file.example' },
      });
      expect(fromFile.headers.get('access-control-allow-origin')).toBeNull();

      const wallet = await createWallet();
      const challenge = await rawCall(base, 'auth.challenge', 'mutation', {
        address: wallet.address,
      });
      expect(challenge.status).toBe(200);
      expect((challenge.body as ChallengeBody).result.data.json.message).toMatch(
        /^file-shop\.example wants you to sign in/,
      );

      // One line per request, none for health checks.
      await dev.waitFor(/POST \/trpc\/auth\.challenge 200 [\d.]+ ms/);
      expect(dev.output()).not.toMatch(/\/health/);
    } finally {
      await dev.stop();
    }
  }, 120_000);
});
