import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import postgres from 'postgres';
import { type Config, loadConfig } from '../src/config';
import { type DatabaseHandle, openPostgres } from '../src/db/client';
import { migratePostgresUrl } from '../src/db/migrate';
import type { Deps, PaymentSimulator } from '../src/deps';
import { createServer, type RunningServer, type ServerOptions } from '../src/http/server';
import { createFakeClock } from '../src/lib/clock';
import { createLogger } from '../src/log';
import { MIGRATIONS_FOLDER } from '../src/paths';
import { services } from '../src/runtime';
import { createMemoryStore } from '../src/store/memory';
import { createRedisStore, isRedisStore } from '../src/store/redis';
import type { EphemeralStore } from '../src/store/types';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './backends';
import { openMigratedPglite } from './pglite-template';

/** Collects every log line a world writes, so tests can assert what was (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }

  text(): string {
    return this.lines.join('\n');
  }

  records(): Array<Record<string, unknown>> {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface TestDatabase {
  handle: DatabaseHandle;
  url: string | undefined;
  drop(): Promise<void>;
}

function databaseUrlWithName(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh, migrated database: a new Postgres database when DATABASE_URL is set (dropped again by
 * `drop`), otherwise an in-memory PGlite. Tests never touch the shared database itself.
 */
export async function createTestDatabase(
  options: { poolMax?: number; statementTimeoutMs?: number } = {},
): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    const handle = await openMigratedPglite();
    return { handle, url: undefined, drop: () => handle.close() };
  }
  const name = `puffy_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = databaseUrlWithName(TEST_DATABASE_URL, name);
  await migratePostgresUrl(url, MIGRATIONS_FOLDER);
  const handle = openPostgres({
    url,
    poolMax: options.poolMax ?? 10,
    statementTimeoutMs: options.statementTimeoutMs ?? 5000,
    applicationName: name,
  });
  return {
    handle,
    url,
    async drop() {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Memory store, or Redis under a key prefix no other test uses. */
export async function createTestStore(
  clock: { now(): Date },
  log: ReturnType<typeof createLogger>,
  redisPrefix = `test:${randomBytes(6).toString('hex')}:`,
): Promise<EphemeralStore> {
  if (!TEST_REDIS_URL) return createMemoryStore(clock);
  return createRedisStore({ url: TEST_REDIS_URL, keyPrefix: redisPrefix, log });
}

export interface World {
  deps: Deps;
  config: Config;
  clock: ReturnType<typeof createFakeClock>;
  logs: LogCapture;
  db: DatabaseHandle['db'];
  database: TestDatabase;
  /** The Redis key prefix this world uses (undefined with the memory store). */
  redisPrefix: string | undefined;
  /** Starts an HTTP server for this world on a free loopback port. */
  listen(options?: ServerOptions): Promise<{ url: string; server: RunningServer }>;
  close(): Promise<void>;
}

export interface WorldOptions {
  env?: Record<string, string>;
  /** Share a database with another world (two instances on one Postgres). */
  database?: TestDatabase;
  store?: EphemeralStore;
  /** Redis key prefix to use (another world's `redisPrefix`) so two instances share one keyspace. */
  redisPrefix?: string;
  /** The dev payment simulator, for worlds that test DEV_TOOLS. */
  paymentSimulator?: PaymentSimulator;
}

/** Builds the same dependency object main.ts builds, on test backends and a fake clock. */
export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const logs = new LogCapture();
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET: 'test-secret-that-is-at-least-32-bytes-long!!',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    CORS_ORIGINS: 'http://shop.test',
    // Never the public RPC from a test: a closed loopback port unless a test brings its fake.
    SOLANA_RPC_URL: 'http://127.0.0.1:9',
    SOLANA_RPC_TIMEOUT_MS: '500',
    ...options.env,
  });
  const log = createLogger(config, logs);
  const clock = createFakeClock(new Date());
  const store = options.store ?? (await createTestStore(clock, log, options.redisPrefix));
  const deps: Deps = {
    config,
    log,
    database: database.handle,
    store,
    version: 'test',
    paymentSimulator: options.paymentSimulator ?? null,
    ...services(config, store, clock),
  };
  const servers: RunningServer[] = [];
  return {
    deps,
    config,
    clock,
    logs,
    db: database.handle.db,
    database,
    redisPrefix: isRedisStore(store) ? store.keyPrefix : undefined,
    async listen(serverOptions) {
      const server = await createServer(deps, serverOptions);
      servers.push(server);
      const url = await server.start(0);
      return { url, server };
    },
    async close() {
      await Promise.all(servers.map((s) => s.stop()));
      if (!options.store) await store.close();
      if (!options.database) await database.drop();
    },
  };
}

export { TEST_DATABASE_URL, TEST_REDIS_URL, usesRealPostgres, usesRealRedis } from './backends';
export { insertProductRows, insertProducts } from './factories';
export { type FakeSolanaRpc, startFakeSolanaRpc } from './fake-solana';
export { PRODUCTION_SOLANA_ENV, type ServerProcess, spawnServer } from './spawn-server';
export { createWallet, type TestWallet } from './wallet';
