import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const SECRET = 'super-secret-jwt-value-0123456789-abcdef';
const DB_PASSWORD = 'db-Passw0rd-never-printed';
/** The Solana settings production requires, for a mainnet shop. */
const MAINNET_SOLANA = {
  SOLANA_CHAIN: 'mainnet',
  SOLANA_RPC_URL: 'https://rpc.shop.example',
  USDC_MINT: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
  MERCHANT_WALLET: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin',
  SIWS_DOMAIN: 'shop.example',
  SIWS_URI: 'https://shop.example',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return [...(err as ConfigError).problems];
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('gives development defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.jwt.generated).toBe(true);
    expect(config.sessionTtlSeconds).toBe(600);
    expect(config.rateLimits.authPerMinute).toBe(10);
    expect(config.corsOrigins).toEqual(['http://localhost:3001']);
    expect(config.x).toBeNull();
  });

  it('names the variable and the rule for a bad value, never the value', () => {
    const problems = problemsOf({ JWT_SECRET: 'short-but-secret-xyz', PORT: 'eighty' });
    expect(problems.join('\n')).toContain('JWT_SECRET must be at least 32 bytes');
    expect(problems.join('\n')).toMatch(/PORT must be a whole number/);
    expect(problems.join('\n')).not.toContain('short-but-secret-xyz');
    expect(problems.join('\n')).not.toContain('eighty');
  });

  it('does not echo a malformed DATABASE_URL that may hold a password', () => {
    const problems = problemsOf({ DATABASE_URL: `mysql://root:${DB_PASSWORD}@db/shop` });
    expect(problems).toEqual(['DATABASE_URL must be a postgres:// URL']);
  });

  it('refuses production without its stores, secret and chain settings (no dev fallbacks)', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual([
      'DATABASE_URL is required when NODE_ENV=production',
      'REDIS_URL is required when NODE_ENV=production',
      'JWT_SECRET is required when NODE_ENV=production',
      'SOLANA_RPC_URL is required when NODE_ENV=production',
      'USDC_MINT is required when NODE_ENV=production',
      'MERCHANT_WALLET is required when NODE_ENV=production',
      'SIWS_DOMAIN is required when NODE_ENV=production',
      'SIWS_URI is required when NODE_ENV=production',
      'SOLANA_CHAIN is required when NODE_ENV=production',
      'CORS_ORIGINS is required when NODE_ENV=production',
    ]);
  });

  it('refuses production that leaves the chain or the storefront origins to their defaults', () => {
    const complete = {
      NODE_ENV: 'production',
      ...MAINNET_SOLANA,
      DATABASE_URL: 'postgres://db.internal/puffy',
      REDIS_URL: 'redis://cache.internal:6379',
      JWT_SECRET: SECRET,
      CORS_ORIGINS: 'https://shop.example',
    };
    const { SOLANA_CHAIN: _chain, ...noChain } = complete;
    expect(problemsOf(noChain)).toEqual([
      "SOLANA_CHAIN must be set to mainnet: USDC_MINT is mainnet's USDC mint, and unset means devnet",
      'SOLANA_CHAIN is required when NODE_ENV=production',
    ]);
    const { CORS_ORIGINS: _origins, ...noOrigins } = complete;
    expect(problemsOf(noOrigins)).toEqual(['CORS_ORIGINS is required when NODE_ENV=production']);
    expect(loadConfig(complete).siws.chain).toBe('mainnet');
  });

  it('names SOLANA_CHAIN when the mint is mainnet USDC but the chain was left unset', () => {
    const mainnetUsdc = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
    expect(problemsOf({ USDC_MINT: mainnetUsdc })).toEqual([
      "SOLANA_CHAIN must be set to mainnet: USDC_MINT is mainnet's USDC mint, and unset means devnet",
    ]);
    expect(loadConfig({ USDC_MINT: mainnetUsdc, SOLANA_CHAIN: 'mainnet' }).siws.chain).toBe(
      'mainnet',
    );
  });

  it("refuses a mint that is not the chain's USDC unless ALLOW_NON_USDC_MINT is set", () => {
    const devnetUsdc = '4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU';
    const mainnetUsdc = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
    expect(problemsOf({ SOLANA_CHAIN: 'mainnet', USDC_MINT: devnetUsdc })).toEqual([
      "USDC_MINT must be mainnet's USDC mint (set ALLOW_NON_USDC_MINT=true for another token)",
    ]);
    expect(loadConfig({ SOLANA_CHAIN: 'mainnet' }).solana.usdcMint).toBe(mainnetUsdc);
    expect(
      loadConfig({ SOLANA_CHAIN: 'mainnet', USDC_MINT: devnetUsdc, ALLOW_NON_USDC_MINT: 'true' })
        .solana.usdcMint,
    ).toBe(devnetUsdc);
    expect(problemsOf({ SOLANA_CHAIN: 'localnet', ALLOW_NON_USDC_MINT: 'true' })).toEqual([
      'USDC_MINT is required: localnet has no known USDC mint',
    ]);
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      ...MAINNET_SOLANA,
      DATABASE_URL: `postgres://puffy:${DB_PASSWORD}@db:5432/puffy`,
      REDIS_URL: 'redis://cache:6379',
      JWT_SECRET: SECRET,
      CORS_ORIGINS: 'https://shop.example, https://admin.example',
      TRUST_PROXY: 'true',
    });
    expect(config.isProduction).toBe(true);
    expect(config.corsOrigins).toEqual(['https://shop.example', 'https://admin.example']);
    expect(config.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({}).trustProxy).toBe(0);
  });

  it('refuses DEV_TOOLS with NODE_ENV=production, naming the setting', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      DEV_TOOLS: 'true',
      DATABASE_URL: 'postgres://db.internal/puffy',
      REDIS_URL: 'redis://cache.internal:6379',
      JWT_SECRET: SECRET,
      CORS_ORIGINS: 'https://shop.example',
      ...MAINNET_SOLANA,
    });
    expect(problems).toEqual(['DEV_TOOLS must not be enabled when NODE_ENV=production']);
  });

  it('runs the payment simulator only with DEV_TOOLS and no SOLANA_RPC_URL, polling fast', () => {
    const dev = loadConfig({ DEV_TOOLS: 'true' });
    expect(dev.devTools).toEqual({ enabled: true, simulatePayments: true });
    expect(dev.payments.pollIntervalMs).toBe(1000);
    const ownNode = loadConfig({ DEV_TOOLS: 'true', SOLANA_RPC_URL: 'http://127.0.0.1:8899' });
    expect(ownNode.devTools.simulatePayments).toBe(false);
    expect(ownNode.solana.rpcUrl).toBe('http://127.0.0.1:8899');
    const plain = loadConfig({});
    expect(plain.devTools).toEqual({ enabled: false, simulatePayments: false });
    expect(plain.payments.pollIntervalMs).toBe(5000);
    expect(plain.solana.rpcUrl).toBe('https://api.devnet.solana.com');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', MAX_REFERRAL_USES: '' }).databaseUrl).toBeUndefined();
  });

  it('rejects admin addresses that are not Solana addresses', () => {
    expect(problemsOf({ ADMIN_ADDRESSES: 'not-an-address' }).join()).toContain('ADMIN_ADDRESSES');
  });

  it('never shows secrets when the config is printed, inspected or serialised', () => {
    const config = loadConfig({
      DATABASE_URL: `postgres://puffy:${DB_PASSWORD}@db:5432/puffy`,
      JWT_SECRET: SECRET,
      X_CLIENT_ID: 'client',
      X_CLIENT_SECRET: 'x-client-secret-value',
      X_REDIRECT_URI: 'http://localhost:3001/x/callback',
    });
    const shown = [
      inspect(config, { depth: 10 }),
      JSON.stringify(config),
      String(config.jwt.secret),
    ];
    for (const text of shown) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(DB_PASSWORD);
      expect(text).not.toContain('x-client-secret-value');
    }
    expect(config.jwt.secret.reveal()).toBe(SECRET);
  });
});
