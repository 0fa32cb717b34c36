import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './backends';
import { PRODUCTION_SOLANA_ENV, spawnServer } from './spawn-server';
import { createTestDatabase, type TestDatabase } from './world';

const JWT_SECRET = 'known-jwt-secret-0123456789-abcdefghijkl';
const DB_PASSWORD = 'known-db-password-never-logged';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2lnbmF0dXJlLXRoYXQtbXVzdC1ub3QtbGVhaw';

function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.username = u.username || 'postgres';
  u.password = password;
  return u.toString();
}

// Each test starts a real process: allow for a slow start on a busy machine (PROCESS_WAIT_MS).
describe('the server process', { timeout: 180_000 }, () => {
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    if (TEST_DATABASE_URL) database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('prints neither the JWT secret, the database password nor a bearer token, start to exit', async () => {
    // Postgres here trusts local connections, so the password is accepted whatever it is.
    const databaseUrl = database?.url
      ? withPassword(database.url, DB_PASSWORD)
      : `postgres://puffy:${DB_PASSWORD}@127.0.0.1:1/puffy`;
    const run = spawnServer(
      // pnpm 10 passes a literal `--` through: `pnpm start -- --role api`.
      ['--', '--role', 'api'],
      {
        NODE_ENV: 'production',
        ...PRODUCTION_SOLANA_ENV,
        LOG_LEVEL: 'trace',
        PORT: '0',
        JWT_SECRET,
        DATABASE_URL: databaseUrl,
        REDIS_URL: TEST_REDIS_URL ?? 'redis://127.0.0.1:1',
        // Without a real Redis there is no policy to read; the operator's "I checked it" lets the
        // production start go on (this test is about what gets printed, not about eviction).
        ...(TEST_REDIS_URL ? {} : { REDIS_EVICTION_POLICY_CHECK: 'skip' }),
      },
    );
    try {
      const url = await run.listening();
      const headers = { authorization: `Bearer ${BEARER}`, cookie: `session=${BEARER}` };
      expect((await fetch(`${url}/health`, { headers })).status).toBe(200);
      await fetch(`${url}/ready`, { headers });
      await fetch(`${url}/trpc/product.list?input=${encodeURIComponent('{"json":{}}')}`, {
        headers,
      });
      await fetch(`${url}/trpc/product.list?input=${encodeURIComponent(`{"json":"${BEARER}"}`)}`);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      const printed = run.output();
      expect(printed).toContain('shutdown complete');
      expect(printed).not.toContain(JWT_SECRET);
      expect(printed).not.toContain(DB_PASSWORD);
      expect(printed).not.toContain(BEARER);
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('refuses to start on a bad setting, naming it but not its value', async () => {
    const run = spawnServer([], { NODE_ENV: 'production', JWT_SECRET: 'too-short-secret-value' });
    expect(await run.exited).toBe(1);
    const printed = run.output();
    expect(printed).toContain('JWT_SECRET must be at least 32 bytes');
    expect(printed).toContain('DATABASE_URL is required when NODE_ENV=production');
    expect(printed).toContain('REDIS_URL is required when NODE_ENV=production');
    // Production never falls back to development values for the shop's chain settings.
    for (const name of [
      'SOLANA_RPC_URL',
      'USDC_MINT',
      'MERCHANT_WALLET',
      'SIWS_DOMAIN',
      'SIWS_URI',
    ]) {
      expect(printed).toContain(`${name} is required when NODE_ENV=production`);
    }
    expect(printed).not.toContain('too-short-secret-value');
  });

  it('rejects an unknown role', async () => {
    const run = spawnServer(['--role', 'janitor'], {});
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('--role must be one of api, worker, all');
  });
});
