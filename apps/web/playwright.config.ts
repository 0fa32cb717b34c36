import { defineConfig } from '@playwright/test';
import { ADMIN_ADDRESS } from './e2e/wallets';

/**
 * End-to-end tests in Debian's Chromium (no browser download) against the production build of
 * the storefront (`next build` first; `pnpm build` does it) and the real API server with
 * DEV_TOOLS on, on DATABASE_URL / REDIS_URL when set. Ports are settings so parallel runs on one
 * machine do not collide.
 */
const apiPort = Number(process.env.E2E_API_PORT ?? 3410);
const webPort = Number(process.env.E2E_WEB_PORT ?? 3411);
const apiUrl = `http://127.0.0.1:${apiPort}`;
const webUrl = `http://127.0.0.1:${webPort}`;
export const SCREENSHOTS_DIR = process.env.E2E_SCREENSHOTS_DIR ?? 'e2e-artifacts/screenshots';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e-artifacts/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: webUrl,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // This machine's network is closed: without these, Chromium keeps dialling out.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      // The built server (esbuild bundle), seeded when it runs on real Postgres.
      command:
        'node scripts/build.mjs && { [ -z "$DATABASE_URL" ] || pnpm db:seed; } && exec node dist/main.js --role all',
      cwd: '../server',
      url: `${apiUrl}/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(apiPort),
        DEV_TOOLS: 'true',
        PAYMENT_POLL_INTERVAL_MS: '500',
        CORS_ORIGINS: webUrl,
        ADMIN_ADDRESSES: ADMIN_ADDRESS,
        RATE_LIMIT_AUTH_PER_MIN: '1000',
        // Every browser here shares one IP: wrong codes typed by one test must not lock out the
        // next. The cap on unpaid orders is the default, said here because a test meets it.
        RATE_LIMIT_CODE_FAILURES_PER_HOUR: '1000',
        MAX_OPEN_ORDERS_PER_USER: '3',
        // Not the default (500): the checkout must preview with the shop's setting, not a copy.
        REFERRAL_DISCOUNT_BPS: '1250',
        LOG_LEVEL: 'warn',
        PGLITE_DIR: '.data/e2e-pglite',
      },
    },
    {
      command: `pnpm exec next start --port ${webPort} --hostname 127.0.0.1`,
      url: webUrl,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      // The production build with the dev tools the tests drive: NODE_ENV=test, because
      // `next start` refuses DEV_TOOLS with NODE_ENV=production (e2e/session.spec.ts).
      env: { API_URL: apiUrl, DEV_TOOLS: 'true', NODE_ENV: 'test', NEXT_TELEMETRY_DISABLED: '1' },
    },
  ],
});
