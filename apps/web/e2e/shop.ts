import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  expect,
  type Locator,
  type Page,
} from '@playwright/test';
import { newSecret } from './api';

const SCREENSHOTS_DIR = process.env.E2E_SCREENSHOTS_DIR ?? 'e2e-artifacts/screenshots';
mkdirSync(SCREENSHOTS_DIR, { recursive: true });

/** Keeps a full-page screenshot of what the buyer sees, for people to look at. */
export async function snap(page: Page, name: string, fullPage = true) {
  // Every page has exactly one h1 (assistive technology navigates by it).
  await expect(page.locator('h1')).toHaveCount(1);
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage });
}

/** Keeps a screenshot of one part of a page (a section), for people to look at. */
export async function snapPart(part: Locator, name: string) {
  await part.scrollIntoViewIfNeeded();
  await part.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`) });
}

const open: BrowserContext[] = [];
const cspViolations: string[] = [];

/**
 * Closes every browser a test opened with `newShopper` (call it in `test.afterEach`): pages left
 * open keep polling the API and take the CPU the next test needs. Then checks that none of its
 * pages had anything refused by the Content Security Policy.
 */
export async function closeShoppers() {
  await Promise.all(open.splice(0).map((context) => context.close()));
  expect(cspViolations.splice(0), 'Content Security Policy violations').toEqual([]);
}

/** Records what the browser refused under the CSP, on every page of `context`. */
export function watchCsp(context: BrowserContext) {
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
}

/** A fresh browser (own storage, so its own dev wallet), optionally with a fixed wallet key. */
export async function newShopper(
  browser: Browser,
  secretHex?: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  open.push(context);
  watchCsp(context);
  if (secretHex) {
    await context.addInitScript((hex) => {
      window.localStorage.setItem('puffy.devWallet.secretKey', hex);
    }, secretHex);
  }
  return context.newPage();
}

/** A fresh browser signed in with the dev wallet (a fixed key when given), on the catalog. */
export async function signedInShopper(browser: Browser, secretHex = newSecret()): Promise<Page> {
  const page = await newShopper(browser, secretHex);
  await page.goto('/');
  await signInWithDevWallet(page);
  return page;
}

export async function signInWithDevWallet(page: Page) {
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Use dev wallet' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export async function addToCart(page: Page, productName: string, quantity = 1) {
  await page.goto('/');
  await page.getByRole('link', { name: productName }).click();
  await expect(page.getByRole('heading', { level: 1, name: productName })).toBeVisible();
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText(`Added ${quantity}`);
}

export async function fillShipping(page: Page, country: string) {
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await page.getByLabel('Full name').fill('Ada Buyer');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Address line 1').fill('1 Cloud Street');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('Postal code').fill('12345');
  await page.getByLabel('Country').selectOption(country);
}

/** The page has no horizontal scroll (its content fits the viewport's width). */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(clientWidth);
}

/** The label the header's cart link has for `items` items. */
export const cartLabel = (items: number) =>
  items === 0 ? 'Cart' : `Cart, ${items} ${items === 1 ? 'item' : 'items'}`;
