import { WEB_SETTING_MEANINGS, type WebSettingName, webSettingDefault } from '@puffy/core';
import { SETTING_NAMES, type SettingName, settingDefault } from './config';

/**
 * What each setting means, for `.env.example`. A Record over every name config reads, so a setting
 * added to config without a meaning here fails to compile.
 */
const MEANINGS: Readonly<Record<SettingName, string>> = {
  NODE_ENV:
    'development, test or production; production requires DATABASE_URL, REDIS_URL, JWT_SECRET, SOLANA_RPC_URL, USDC_MINT, MERCHANT_WALLET, SIWS_DOMAIN, SIWS_URI, SOLANA_CHAIN and CORS_ORIGINS',
  HOST: 'address the API listens on',
  PORT: 'port the API listens on (0 = any free port)',
  DATABASE_URL:
    'Postgres URL; unset: embedded PGlite in PGLITE_DIR, migrated and seeded (dev only)',
  REDIS_URL: 'Redis URL; unset: an in-memory store, per process (dev only)',
  REDIS_KEY_PREFIX: 'prefix of every Redis key the server writes',
  REDIS_EVICTION_POLICY_CHECK:
    'require: production refuses to start unless Redis shows maxmemory-policy noeviction; skip: start when Redis hides it (CONFIG disabled, as on managed Redis) because you checked it (an evicting policy Redis does show still stops it)',
  PGLITE_DIR: 'data folder of the embedded PGlite, relative to apps/server',
  JWT_SECRET:
    'secret that signs session tokens, at least 32 bytes; unset (dev only): made once and kept in jwt-secret beside PGLITE_DIR, so sessions survive restarts',
  JWT_PREVIOUS_SECRET:
    'the secret being rotated out: tokens it signed stay valid until they expire',
  JWT_TTL_SECONDS: 'session token lifetime',
  SESSION_TTL_SECONDS: 'how long a sign-in challenge may be answered',
  SIWS_DOMAIN: 'domain named in the Sign-In-With-Solana message; unset: localhost:3000 (dev only)',
  SIWS_URI: 'URI named in the Sign-In-With-Solana message; unset: http://localhost:3000 (dev only)',
  SOLANA_CHAIN:
    "cluster named in the sign-in message and checked against the RPC node's genesis hash: mainnet, devnet, testnet or localnet; unset: devnet (dev only)",
  RATE_LIMIT_AUTH_PER_MIN: 'sign-in and X-linking calls per client IP per minute',
  RATE_LIMIT_ORDER_PER_MIN: 'order.create calls per signed-in user per minute',
  RATE_LIMIT_CODE_FAILURES_PER_HOUR:
    'orders whose pass or referral code failed, per user and per IP (an IPv6 client by its /64) per hour',
  TRUST_PROXY:
    'proxies in front of the API whose X-Forwarded-For entries are trusted: false (0), true (1) or a hop count',
  CORS_ORIGINS:
    'comma-separated origins allowed to call the API with credentials; unset: http://localhost:3001 (dev only)',
  ADMIN_ADDRESSES: 'comma-separated wallet addresses with the admin role',
  SOLANA_RPC_URL:
    'Solana JSON-RPC endpoint the worker reads payments from; unset: the devnet public RPC (dev only)',
  SOLANA_RPC_TIMEOUT_MS: 'deadline of each Solana RPC call',
  MERCHANT_WALLET: 'wallet that receives payments; unset: a development wallet (dev only)',
  USDC_MINT: "token mint payments are made in; unset: SOLANA_CHAIN's USDC (dev only)",
  ALLOW_NON_USDC_MINT:
    "accept a USDC_MINT that is not SOLANA_CHAIN's USDC (testnet and localnet have none)",
  PAYMENT_POLL_INTERVAL_MS:
    'how often the worker runs its payment jobs, in ms; unset: 5000, or 1000 with DEV_TOOLS',
  ORDER_PAYMENT_WINDOW_MINUTES: 'how long a NEW order waits for payment before it expires',
  MAX_OPEN_ORDERS_PER_USER:
    'unpaid NEW orders a buyer may hold at once (one past its window counts until the worker ends it)',
  PAYMENT_DROP_GRACE_SECONDS:
    "how long a PAID order's transaction may be missing from the chain before the order expires",
  PAYMENT_DUST_BASE_UNITS:
    "money below this (in the token's base units; 10000 = 0.01 USDC) arriving above an order's price or after it ended is recorded but opens no review item",
  PAYMENT_LATE_WATCH_HOURS:
    "how long a dropped payment is watched for its reappearance, and how far back the worker's first read of the merchant account's history goes",
  PAYMENT_RPC_CALLS_PER_TICK: 'most Solana RPC calls one worker tick may make',
  PAYMENT_RPC_CALLS_PER_ORDER: 'most Solana RPC calls one order may take within a tick',
  REFERRAL_DISCOUNT_BPS: "buyer's discount with a referral code, in basis points",
  REFERRAL_REWARD_BPS: "code owner's reward when the order is confirmed, in basis points",
  MAX_REFERRAL_USES: 'uses per referral code; unset: unlimited',
  X_CLIENT_ID:
    'X (Twitter) OAuth app id; X linking is off (PRECONDITION_FAILED) unless X_CLIENT_ID, X_CLIENT_SECRET and X_REDIRECT_URI are all set',
  X_CLIENT_SECRET: 'X (Twitter) OAuth app secret',
  X_REDIRECT_URI: 'redirect URI registered for the X app',
  X_AUTHORIZE_URL: 'X authorization page',
  X_API_BASE_URL: 'X API base URL',
  DB_POOL_MAX: 'Postgres connections per process',
  DB_STATEMENT_TIMEOUT_MS: 'deadline of each SQL statement',
  LOG_LEVEL: 'fatal, error, warn, info, debug, trace or silent',
  BODY_LIMIT_BYTES: 'largest request body accepted',
  TRPC_MAX_BATCH_SIZE: 'most calls in one batched tRPC request',
  CATALOG_MAX_AGE_SECONDS:
    'Cache-Control max-age of anonymous catalog answers, which also carry an ETag (0: no caching headers)',
  SHUTDOWN_TIMEOUT_MS: 'how long SIGTERM waits for in-flight requests to finish',
  SHUTDOWN_DELAY_MS:
    'after SIGTERM, how long /ready answers 503 while requests are still served (unset: 5000 in production, 0 otherwise)',
  METRICS_PORT: 'port of the Prometheus metrics listener; unset: no metrics listener',
  METRICS_HOST: 'address the metrics listener binds (loopback by default)',
  HTTP_HEADERS_TIMEOUT_MS: 'a request whose headers have not all arrived by then is closed (408)',
  HTTP_REQUEST_TIMEOUT_MS: 'a request not fully received by then is closed (408)',
  HTTP_CONNECTION_TIMEOUT_MS: 'an idle socket with no request in progress is closed after this',
  HTTP_KEEP_ALIVE_TIMEOUT_MS:
    "how long an idle keep-alive connection stays open; keep it above the load balancer's idle timeout",
  DEV_TOOLS:
    'dev wallet and dev payment simulator (with SOLANA_RPC_URL unset the server runs a simulated Solana RPC); refused with NODE_ENV=production',
  ENV_FILE:
    'settings file to read instead of the repo root .env (environment only: ignored inside a file)',
};

const setting = (meaning: string, name: string, fallback: string | undefined) =>
  [`# ${meaning}`, `# ${name}=${fallback ?? ''}`].join('\n');

/**
 * The text of `.env.example`: every setting of the server, then the storefront's, commented out,
 * with its meaning and default. Written by `pnpm env:example`; a test fails when the committed
 * file differs.
 */
export function renderEnvExample(): string {
  const header = [
    '# Settings of the Puffy server. Copy to .env (git-ignored) and uncomment what you change:',
    '# `pnpm dev`, `pnpm start`, the db:* scripts and `pnpm bench` read it; a variable set in the',
    '# real environment wins over the file. Generated by `pnpm env:example` from apps/server/src',
    "# and @puffy/core's storefront settings.",
  ];
  const server = SETTING_NAMES.map((name) => setting(MEANINGS[name], name, settingDefault(name)));
  const webHeader = [
    '# ---- Storefront (apps/web) ----',
    '# The storefront reads these from its own process environment, not from this file: set them',
    '# where it runs, e.g. `API_URL=https://api.example.com pnpm --filter @puffy/web start`.',
  ];
  const web = (Object.keys(WEB_SETTING_MEANINGS) as WebSettingName[]).map((name) =>
    setting(WEB_SETTING_MEANINGS[name], name, webSettingDefault(name)),
  );
  return `${[header.join('\n'), ...server, webHeader.join('\n'), ...web].join('\n\n')}\n`;
}
