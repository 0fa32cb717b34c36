import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { isSolanaAddress } from '@puffy/core';
import { z } from 'zod';
import { Secret } from './lib/secret';
import { REPO_ENV_FILE } from './paths';
import { CLUSTERS, type SolanaChain } from './solana/clusters';

/**
 * The only reader of process.env (and of the settings file, see readEnvironment). Every setting is
 * validated once, at start; a bad value stops the process with a message that names the variable
 * and the rule, never the value (it may be a secret).
 */

// Development fallbacks only: production must name each of these (a default merchant wallet is
// nobody's, and a default RPC would be devnet).
const DEV_MERCHANT_WALLET = '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin';
const DEV_SOLANA_RPC_URL = 'https://api.devnet.solana.com';
const DEV_SIWS_DOMAIN = 'localhost:3000';
const DEV_SIWS_URI = 'http://localhost:3000';
// A storefront running beside `pnpm dev`; a production shop names its own origins.
const DEV_CORS_ORIGINS = ['http://localhost:3001'];
// Devnet by default in development, so a forgotten setting never spends real money there; in
// production the chain is named, since it decides which USDC mint and which cluster are right.
const DEV_SOLANA_CHAIN = 'devnet';
const PRODUCTION_REQUIRED = [
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'SOLANA_RPC_URL',
  'USDC_MINT',
  'MERCHANT_WALLET',
  'SIWS_DOMAIN',
  'SIWS_URI',
  'SOLANA_CHAIN',
  'CORS_ORIGINS',
] as const;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
);

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const solanaAddress = z
  .string()
  .refine(isSolanaAddress, { error: 'must be a base58 Solana address (32 bytes)' });

const EnvShape = {
  NODE_ENV: z
    .enum(['development', 'test', 'production'], {
      error: 'must be development, test or production',
    })
    .default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(3000),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional(),
  REDIS_KEY_PREFIX: z.string().max(64).default('puffy:'),
  // `skip`: start even when Redis refuses CONFIG GET (managed Redis), because the operator has
  // checked that maxmemory-policy is noeviction. An evicting policy that can be read still stops it.
  REDIS_EVICTION_POLICY_CHECK: z
    .enum(['require', 'skip'], { error: 'must be require or skip' })
    .default('require'),
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  JWT_SECRET: z
    .string()
    .refine((v) => Buffer.byteLength(v, 'utf8') >= 32, { error: 'must be at least 32 bytes' })
    .optional(),
  /** The secret being rotated out: tokens it signed stay valid until they expire. */
  JWT_PREVIOUS_SECRET: z
    .string()
    .refine((v) => Buffer.byteLength(v, 'utf8') >= 32, { error: 'must be at least 32 bytes' })
    .optional(),
  JWT_TTL_SECONDS: int(60, 30 * 86400).default(86400),
  SESSION_TTL_SECONDS: int(10, 3600).default(600),
  SIWS_DOMAIN: z.string().min(1).max(253).optional(),
  SIWS_URI: httpUrl.optional(),
  SOLANA_CHAIN: z
    .enum(['mainnet', 'devnet', 'testnet', 'localnet'], {
      error: 'must be mainnet, devnet, testnet or localnet',
    })
    .optional(),
  RATE_LIMIT_AUTH_PER_MIN: int(1, 100_000).default(10),
  RATE_LIMIT_ORDER_PER_MIN: int(1, 100_000).default(30),
  // Orders carrying a pass or referral code that the code made fail, per user and per IP:
  // a wrong code must not be a free oracle.
  RATE_LIMIT_CODE_FAILURES_PER_HOUR: int(1, 100_000).default(10),
  // How many proxies in front of us append to X-Forwarded-For: false = none (the header is
  // ignored), true = 1. Only the entries our own proxies added are trusted; a client cannot pick
  // its rate-limit key by sending its own X-Forwarded-For.
  TRUST_PROXY: z
    .union([bool, int(1, 10)], { error: 'must be true, false or a number of proxy hops (1-10)' })
    .transform((v) => (v === true ? 1 : v === false ? 0 : v))
    .default(0),
  CORS_ORIGINS: list.optional(),
  ADMIN_ADDRESSES: list
    .pipe(z.array(solanaAddress, { error: 'must be comma-separated Solana addresses' }))
    .default([]),
  SOLANA_RPC_URL: httpUrl.optional(),
  SOLANA_RPC_TIMEOUT_MS: int(50, 60_000).default(5000),
  MERCHANT_WALLET: solanaAddress.optional(),
  USDC_MINT: solanaAddress.optional(),
  ALLOW_NON_USDC_MINT: bool.default(false),
  // Default 5000, or 1000 with DEV_TOOLS so a simulated payment shows up within a second or two.
  PAYMENT_POLL_INTERVAL_MS: int(100, 3_600_000).optional(),
  ORDER_PAYMENT_WINDOW_MINUTES: int(1, 7 * 24 * 60).default(30),
  MAX_OPEN_ORDERS_PER_USER: int(1, 1000).default(3),
  PAYMENT_DROP_GRACE_SECONDS: int(0, 86400).default(120),
  // 0.01 USDC: less than that above the price (or arriving late) is recorded but opens no review.
  PAYMENT_DUST_BASE_UNITS: int(0, 1_000_000_000).default(10_000),
  PAYMENT_LATE_WATCH_HOURS: int(0, 24 * 30).default(24),
  PAYMENT_RPC_CALLS_PER_TICK: int(4, 100_000).default(100),
  PAYMENT_RPC_CALLS_PER_ORDER: int(1, 1000).default(10),
  REFERRAL_DISCOUNT_BPS: int(0, 10_000).default(500),
  REFERRAL_REWARD_BPS: int(0, 10_000).default(500),
  MAX_REFERRAL_USES: int(1, 1_000_000_000).optional(),
  X_CLIENT_ID: z.string().min(1).optional(),
  X_CLIENT_SECRET: z.string().min(1).optional(),
  X_REDIRECT_URI: httpUrl.optional(),
  X_AUTHORIZE_URL: httpUrl.default('https://x.com/i/oauth2/authorize'),
  X_API_BASE_URL: httpUrl.default('https://api.x.com'),
  DB_POOL_MAX: int(1, 500).default(10),
  DB_STATEMENT_TIMEOUT_MS: int(100, 600_000).default(5000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be a pino level (fatal, error, warn, info, debug, trace, silent)',
    })
    .default('info'),
  BODY_LIMIT_BYTES: int(1024, 10 * 1024 * 1024).default(100 * 1024),
  TRPC_MAX_BATCH_SIZE: int(1, 100).default(10),
  // How long a browser or CDN may reuse an anonymous catalog answer (0 = no caching headers).
  CATALOG_MAX_AGE_SECONDS: int(0, 3600).default(5),
  SHUTDOWN_TIMEOUT_MS: int(100, 120_000).default(10_000),
  // After SIGTERM: /ready is 503 and requests are still served this long, so a load balancer
  // takes the instance out of rotation before it stops accepting. Default 5000 in production.
  SHUTDOWN_DELAY_MS: int(0, 120_000).optional(),
  // Prometheus metrics on their own listener; off when unset.
  METRICS_PORT: int(0, 65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  // A client that sends headers and part of a body, then goes silent, must not hold a socket:
  // the defaults close any stalled request within about 21 s.
  HTTP_HEADERS_TIMEOUT_MS: int(100, 600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: int(100, 600_000).default(20_000),
  HTTP_CONNECTION_TIMEOUT_MS: int(100, 600_000).default(30_000),
  // Longer than a load balancer's idle timeout (60 s on common ones), so the balancer, not us,
  // closes idle keep-alive sockets and never writes on one we just closed.
  HTTP_KEEP_ALIVE_TIMEOUT_MS: int(100, 600_000).default(72_000),
  /** The dev wallet's and the payment simulator's switch; never with NODE_ENV=production. */
  DEV_TOOLS: bool.default(false),
  // Read from the real environment only (see readEnvironment): where the settings file is.
  ENV_FILE: z.string().min(1).optional(),
};

/**
 * Every environment variable the server reads, derived from the schema so a new setting is listed
 * by being written. turbo.json's globalEnv and .env.example are checked against it by tests.
 */
export const SETTING_NAMES = Object.keys(EnvShape) as ReadonlyArray<SettingName>;
export type SettingName = keyof typeof EnvShape;

/** A setting's default as it would be written in the environment; undefined when it has none. */
export function settingDefault(name: SettingName): string | undefined {
  const schema: z.ZodType = EnvShape[name];
  if (!(schema instanceof z.ZodDefault)) return undefined;
  const value: unknown = schema.def.defaultValue;
  return Array.isArray(value) ? value.join(',') : String(value);
}

const EnvSchema = z.object(EnvShape).superRefine((env, ctx) => {
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['HTTP_HEADERS_TIMEOUT_MS'],
      message: 'must not be more than HTTP_REQUEST_TIMEOUT_MS',
    });
  }
  const chain = env.SOLANA_CHAIN ?? DEV_SOLANA_CHAIN;
  const usdc = CLUSTERS[chain].usdcMint;
  const mint = env.USDC_MINT ?? usdc;
  // Another cluster's USDC with SOLANA_CHAIN unset: the chain was forgotten, so name it.
  const mintsChain =
    env.SOLANA_CHAIN === undefined
      ? (Object.keys(CLUSTERS) as SolanaChain[]).find(
          (name) => name !== chain && CLUSTERS[name].usdcMint === mint,
        )
      : undefined;
  if (mint === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['USDC_MINT'],
      message: `is required: ${chain} has no known USDC mint`,
    });
  } else if (!env.ALLOW_NON_USDC_MINT && mintsChain !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['SOLANA_CHAIN'],
      message: `must be set to ${mintsChain}: USDC_MINT is ${mintsChain}'s USDC mint, and unset means ${chain}`,
    });
  } else if (!env.ALLOW_NON_USDC_MINT && mint !== usdc) {
    ctx.addIssue({
      code: 'custom',
      path: ['USDC_MINT'],
      message: `must be ${chain}'s USDC mint (set ALLOW_NON_USDC_MINT=true for another token)`,
    });
  }
  if (env.NODE_ENV !== 'production') return;
  if (env.DEV_TOOLS) {
    // The simulator marks any order paid on request: a shop with it on gives goods away.
    ctx.addIssue({
      code: 'custom',
      path: ['DEV_TOOLS'],
      message: 'must not be enabled when NODE_ENV=production',
    });
  }
  for (const name of PRODUCTION_REQUIRED) {
    if (env[name] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: 'is required when NODE_ENV=production',
      });
    }
  }
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.output<typeof EnvSchema>) {
  const generatedJwtSecret = env.JWT_SECRET === undefined;
  const xConfigured =
    env.X_CLIENT_ID !== undefined &&
    env.X_CLIENT_SECRET !== undefined &&
    env.X_REDIRECT_URI !== undefined;
  return {
    nodeEnv: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL === undefined ? undefined : new Secret(env.DATABASE_URL),
    redisUrl: env.REDIS_URL === undefined ? undefined : new Secret(env.REDIS_URL),
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    redisEvictionPolicyCheck: env.REDIS_EVICTION_POLICY_CHECK,
    pgliteDir: env.PGLITE_DIR,
    jwt: {
      secret: new Secret(env.JWT_SECRET ?? randomBytes(48).toString('base64url')),
      previousSecret:
        env.JWT_PREVIOUS_SECRET === undefined ? null : new Secret(env.JWT_PREVIOUS_SECRET),
      generated: generatedJwtSecret,
      ttlSeconds: env.JWT_TTL_SECONDS,
    },
    sessionTtlSeconds: env.SESSION_TTL_SECONDS,
    siws: {
      domain: env.SIWS_DOMAIN ?? DEV_SIWS_DOMAIN,
      uri: env.SIWS_URI ?? DEV_SIWS_URI,
      chain: env.SOLANA_CHAIN ?? DEV_SOLANA_CHAIN,
    },
    rateLimits: {
      authPerMinute: env.RATE_LIMIT_AUTH_PER_MIN,
      orderPerMinute: env.RATE_LIMIT_ORDER_PER_MIN,
      codeFailuresPerHour: env.RATE_LIMIT_CODE_FAILURES_PER_HOUR,
    },
    trustProxy: env.TRUST_PROXY,
    corsOrigins: env.CORS_ORIGINS ?? DEV_CORS_ORIGINS,
    adminAddresses: new Set(env.ADMIN_ADDRESSES),
    devTools: {
      enabled: env.DEV_TOOLS,
      // With no node named, dev tools bring their own simulated one (src/dev/simulator.ts).
      simulatePayments: env.DEV_TOOLS && env.SOLANA_RPC_URL === undefined,
    },
    solana: {
      rpcUrl: env.SOLANA_RPC_URL ?? DEV_SOLANA_RPC_URL,
      rpcTimeoutMs: env.SOLANA_RPC_TIMEOUT_MS,
      merchantWallet: env.MERCHANT_WALLET ?? DEV_MERCHANT_WALLET,
      // Checked above: without ALLOW_NON_USDC_MINT a chain with no USDC mint refuses to start.
      usdcMint: env.USDC_MINT ?? CLUSTERS[env.SOLANA_CHAIN ?? DEV_SOLANA_CHAIN].usdcMint ?? '',
      allowNonUsdcMint: env.ALLOW_NON_USDC_MINT,
    },
    payments: {
      pollIntervalMs: env.PAYMENT_POLL_INTERVAL_MS ?? (env.DEV_TOOLS ? 1000 : 5000),
      windowMinutes: env.ORDER_PAYMENT_WINDOW_MINUTES,
      dropGraceSeconds: env.PAYMENT_DROP_GRACE_SECONDS,
      dustBaseUnits: env.PAYMENT_DUST_BASE_UNITS,
      lateWatchHours: env.PAYMENT_LATE_WATCH_HOURS,
      rpcCallsPerTick: env.PAYMENT_RPC_CALLS_PER_TICK,
      rpcCallsPerOrder: env.PAYMENT_RPC_CALLS_PER_ORDER,
    },
    maxOpenOrdersPerUser: env.MAX_OPEN_ORDERS_PER_USER,
    referral: {
      discountBps: env.REFERRAL_DISCOUNT_BPS,
      rewardBps: env.REFERRAL_REWARD_BPS,
      maxUses: env.MAX_REFERRAL_USES ?? null,
    },
    x: xConfigured
      ? {
          clientId: env.X_CLIENT_ID as string,
          clientSecret: new Secret(env.X_CLIENT_SECRET as string),
          redirectUri: env.X_REDIRECT_URI as string,
          authorizeUrl: env.X_AUTHORIZE_URL,
          apiBaseUrl: env.X_API_BASE_URL,
        }
      : null,
    db: { poolMax: env.DB_POOL_MAX, statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS },
    logLevel: env.LOG_LEVEL,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    trpcMaxBatchSize: env.TRPC_MAX_BATCH_SIZE,
    catalogMaxAgeSeconds: env.CATALOG_MAX_AGE_SECONDS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    shutdownDelayMs: env.SHUTDOWN_DELAY_MS ?? (env.NODE_ENV === 'production' ? 5000 : 0),
    metrics:
      env.METRICS_PORT === undefined ? null : { host: env.METRICS_HOST, port: env.METRICS_PORT },
    httpTimeouts: {
      headersMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestMs: env.HTTP_REQUEST_TIMEOUT_MS,
      connectionMs: env.HTTP_CONNECTION_TIMEOUT_MS,
      keepAliveMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
  };
}

export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Empty strings count as unset: `FOO=` in a .env file or a CI matrix means "no value", and treating
 * it as a value would make every optional setting fail its rule.
 */
function withoutEmpty(env: Env) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** The variables the server starts from, and which of them came from a settings file. */
export class Environment {
  constructor(
    readonly values: Env,
    readonly file?: { readonly path: string; readonly names: ReadonlySet<string> },
  ) {}
}

/**
 * The real environment over the settings file: `ENV_FILE`, else the repo root's `.env` when it
 * exists. A variable set in both comes from the environment, so a one-off `PORT=3101 pnpm dev`
 * beats the file. Parsed with Node's own `util.parseEnv`; process.env itself is never written.
 */
export function readEnvironment(env: Env = process.env, defaultFile = REPO_ENV_FILE): Environment {
  const explicit = env.ENV_FILE || undefined;
  const path = explicit ?? defaultFile;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    if (explicit === undefined && code === 'ENOENT') return new Environment(env);
    const name = explicit === undefined ? `the settings file ${path}` : 'ENV_FILE';
    throw new ConfigError([`${name} cannot be read (${code})`]);
  }
  const own = withoutEmpty(env);
  const fromFile = withoutEmpty(parseEnv(text));
  const names = new Set(Object.keys(fromFile).filter((name) => !(name in own)));
  return new Environment({ ...fromFile, ...own }, { path, names });
}

/**
 * Validates the settings. With no argument: the process environment and the settings file
 * (readEnvironment); tests pass a plain object and get exactly that.
 */
export function loadConfig(source: Env | Environment = readEnvironment()): Config {
  const environment = source instanceof Environment ? source : new Environment(source);
  const parsed = EnvSchema.safeParse(withoutEmpty(environment.values));
  if (!parsed.success) {
    // Issue messages come from our rules above; zod does not echo the input unless asked to.
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.map(String).join('.') || 'environment';
      const where = environment.file?.names.has(name) ? ` (set in ${environment.file.path})` : '';
      return `${name} ${issue.message}${where}`;
    });
    throw new ConfigError(problems);
  }
  return toConfig(parsed.data);
}
