import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createRateLimiter } from './auth/rate-limits';
import { createTokenService } from './auth/tokens';
import type { Config } from './config';
import { type DatabaseHandle, openPglite, openPostgres } from './db/client';
import { migrateEmbedded } from './db/migrate';
import { seedDemoProducts } from './db/seed';
import type { Deps, PaymentSimulator } from './deps';
import { createCatalogAnswers } from './http/catalog-cache';
import { type Clock, systemClock } from './lib/clock';
import type { Logger } from './log';
import { createPrometheusMetrics } from './metrics/prometheus';
import { MIGRATIONS_FOLDER } from './paths';
import { instrumentSolanaRpc } from './solana/instrumented-rpc';
import { createSolanaRpc } from './solana/rpc';
import { checkEvictionPolicy } from './store/eviction-policy';
import { createMemoryStore } from './store/memory';
import { createRedisStore } from './store/redis';
import type { EphemeralStore } from './store/types';
import { createXApi } from './x/x-api';

/**
 * Opens the database and the store the settings ask for. Real Postgres is migrated as its own step
 * (`pnpm db:migrate`); the embedded PGlite default migrates and seeds itself so `pnpm dev` works on
 * a fresh clone with nothing else running.
 */
export async function openDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return openPostgres({
      url: config.databaseUrl.reveal(),
      poolMax: config.db.poolMax,
      statementTimeoutMs: config.db.statementTimeoutMs,
    });
  }
  const dir = resolve(config.pgliteDir);
  log.warn({ dir }, 'DATABASE_URL is not set: using embedded PGlite (development only)');
  // The first start builds the database and can take half a minute: say what is happening.
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  log.info('preparing the database: opening PGlite (the first start takes longest)');
  const ticker = setInterval(() => log.info(`still preparing the database (${seconds()} s)`), 5000);
  ticker.unref();
  try {
    await mkdir(dir, { recursive: true });
    const handle = await openPglite(dir);
    log.info('preparing the database: applying migrations');
    await migrateEmbedded(handle, MIGRATIONS_FOLDER);
    const seeded = await seedDemoProducts(handle.db);
    if (seeded > 0) log.info({ seeded }, 'seeded demo products');
    log.info(`database ready in ${seconds()} s`);
    return handle;
  } finally {
    clearInterval(ticker);
  }
}

export async function openStore(config: Config, log: Logger): Promise<EphemeralStore> {
  if (config.redisUrl) {
    const store = await createRedisStore({
      url: config.redisUrl.reveal(),
      keyPrefix: config.redisKeyPrefix,
      log,
    });
    try {
      await checkEvictionPolicy(store.client, {
        isProduction: config.isProduction,
        skipUnreadable: config.redisEvictionPolicyCheck === 'skip',
        log,
      });
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }
  log.warn(
    'REDIS_URL is not set: using an in-memory store; sessions and limits are per process (development only)',
  );
  return createMemoryStore(systemClock);
}

export async function openDeps(
  config: Config,
  log: Logger,
  version: string,
  paymentSimulator: PaymentSimulator | null = null,
): Promise<Deps> {
  const database = await openDatabase(config, log);
  const store = await openStore(config, log);
  // The worker reads the simulator instead of a real node when there is one.
  const effective = paymentSimulator
    ? { ...config, solana: { ...config.solana, rpcUrl: paymentSimulator.url } }
    : config;
  return {
    config: effective,
    log,
    database,
    store,
    version,
    paymentSimulator,
    ...services(effective, store, systemClock),
  };
}

/** The services built from config and the store; shared by main.ts and the test world. */
export function services(config: Config, store: EphemeralStore, clock: Clock) {
  // One registry per set of deps (never prom-client's global one): tests build several servers.
  const metrics = createPrometheusMetrics();
  return {
    clock,
    metrics,
    tokens: createTokenService(config, clock),
    catalogAnswers: createCatalogAnswers(clock),
    limiter: createRateLimiter(config, store),
    xApi: config.x ? createXApi(config.x) : null,
    solana: instrumentSolanaRpc(
      createSolanaRpc(config.solana.rpcUrl, { timeoutMs: config.solana.rpcTimeoutMs }),
      metrics,
    ),
  };
}

export async function closeDeps(deps: Deps): Promise<void> {
  await Promise.allSettled([
    deps.store.close(),
    deps.database.close(),
    deps.paymentSimulator?.close(),
  ]);
}
