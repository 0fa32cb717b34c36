import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './backends';
import { createTestDatabase, type TestDatabase } from './world';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const JWT_SECRET = 'known-jwt-secret-0123456789-abcdefghijkl';
const DB_PASSWORD = 'known-db-password-never-logged';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2lnbmF0dXJlLXRoYXQtbXVzdC1ub3QtbGVhaw';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs the real entry point (as `pnpm dev`/`pnpm start` would), capturing everything it prints. */
function startServer(env: Record<string, string>, args: string[]): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: SERVER_DIR,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting');
}

function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.username = u.username || 'postgres';
  u.password = password;
  return u.toString();
}

describe('the server process', () => {
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
    const run = startServer(
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'trace',
        PORT: '0',
        JWT_SECRET,
        DATABASE_URL: databaseUrl,
        REDIS_URL: TEST_REDIS_URL ?? 'redis://127.0.0.1:1',
      },
      // pnpm 10 passes a literal `--` through: `pnpm start -- --role api`.
      ['--', '--role', 'api'],
    );
    try {
      const url = await waitFor(
        () => /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output())?.[1],
        20_000,
      );
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
    const run = startServer({ NODE_ENV: 'production', JWT_SECRET: 'too-short-secret-value' }, []);
    expect(await run.exited).toBe(1);
    const printed = run.output();
    expect(printed).toContain('JWT_SECRET must be at least 32 bytes');
    expect(printed).toContain('DATABASE_URL is required when NODE_ENV=production');
    expect(printed).toContain('REDIS_URL is required when NODE_ENV=production');
    expect(printed).not.toContain('too-short-secret-value');
  });

  it('rejects an unknown role', async () => {
    const run = startServer({}, ['--role', 'janitor']);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('--role must be one of api, worker, all');
  });
});
