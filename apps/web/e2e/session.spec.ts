import { spawn } from 'node:child_process';
import { type BrowserContext, expect, test } from '@playwright/test';
import { createPuffyClient } from '@puffy/client';
import { API_URL } from './api';
import { closeShoppers, newShopper, signInWithDevWallet, snap, snapPart } from './shop';
import { installSignInWallet } from './sign-in-wallet';

test.afterEach(closeShoppers);

const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === 'puffy_session');

test('a solana:signIn wallet signs in with one approval; the token stays out of page scripts', async ({
  browser,
}) => {
  const page = await newShopper(browser);
  await page.context().addInitScript(installSignInWallet);
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const panel = page.getByRole('dialog', { name: 'Choose a wallet' });
  await expect(panel.getByRole('button', { name: 'One-Click Wallet' })).toBeVisible();
  await snapPart(panel, 'sign-in-panel');
  await panel.getByRole('button', { name: 'One-Click Wallet' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  const wallet = await page.evaluate(() => {
    const { testWalletAddress, testWalletApprovals, testWalletMessage } = window as unknown as {
      testWalletAddress: string;
      testWalletApprovals: number;
      testWalletMessage: string;
    };
    return { testWalletAddress, testWalletApprovals, testWalletMessage };
  });
  expect(wallet.testWalletApprovals).toBe(1);
  // The wallet wrote its own message: no fields it was not given.
  expect(wallet.testWalletMessage).toContain(`${wallet.testWalletAddress}\n\nSign in to Puffy.`);
  expect(wallet.testWalletMessage).not.toContain('Not Before');
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByText(wallet.testWalletAddress)).toBeVisible();

  const cookie = await sessionCookie(page.context());
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api' });
  const storage = await page.evaluate(() => JSON.stringify({ ...window.localStorage }));
  expect(storage).not.toContain(cookie?.value ?? 'no cookie');
  expect(await page.evaluate(() => document.cookie)).not.toContain('puffy_session');
  await snap(page, 'signed-in-account');
});

test('a session the API ended shows as signed out everywhere, with a way back in', async ({
  browser,
}) => {
  const page = await newShopper(browser);
  await page.goto('/');
  await signInWithDevWallet(page);
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Signed out elsewhere: the same token is revoked on the API.
  const token = (await sessionCookie(page.context()))?.value;
  expect(token).toBeDefined();
  await createPuffyClient({ url: API_URL, getToken: () => token }).auth.logout.mutate();

  await page.goto('/orders');
  await expect(
    page.getByRole('status').filter({ hasText: 'Your session ended — sign in again' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await page.goto('/account');
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign in' }).first()).toBeVisible();
  await snap(page, 'session-ended');
  // A phone shows it without opening the menu.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByText('Your session ended — sign in again')).toBeVisible();
  await snap(page, 'm-session-ended');
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await sessionCookie(page.context())).toBeUndefined();

  // Signing in again clears the notice.
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await page.getByRole('button', { name: 'Use dev wallet' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByText('Your session ended — sign in again')).toHaveCount(0);
});

test('pages carry a per-request nonce CSP and the security headers; inline scripts carry the nonce', async ({
  request,
}) => {
  const nonces: string[] = [];
  for (const path of ['/', '/', '/orders']) {
    const response = await request.get(path);
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/img-src 'self' data: blob: http:\/\/127\.0\.0\.1:\d+/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? '';
    expect(nonce).not.toBe('');
    nonces.push(nonce);
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(new Set(nonces).size).toBe(nonces.length);
});

test('another site cannot start or end a session, nor call the API with the cookie', async ({
  request,
}) => {
  const evil = { origin: 'https://evil.example' };
  expect((await request.post('/api/session', { headers: evil, data: {} })).status()).toBe(403);
  expect((await request.delete('/api/session', { headers: evil })).status()).toBe(403);
  expect((await request.post('/api/trpc/auth.logout', { headers: evil, data: {} })).status()).toBe(
    403,
  );
});

test('`next start` refuses DEV_TOOLS=true with NODE_ENV=production', async () => {
  const child = spawn('pnpm', ['exec', 'next', 'start', '--port', '0'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DEV_TOOLS: 'true',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).not.toBe(0);
  expect(output).toContain('DEV_TOOLS must not be enabled when NODE_ENV=production');
});
