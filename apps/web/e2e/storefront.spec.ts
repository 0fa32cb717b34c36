import { expect, test } from '@playwright/test';
import {
  addToCart,
  closeShoppers,
  fillShipping,
  newShopper,
  signInWithDevWallet,
  snap,
  snapPart,
} from './shop';
import { installTestWallet } from './standard-wallet';
import { ADMIN_SECRET_HEX } from './wallets';

test.afterEach(closeShoppers);

const VAPE = 'Puffy Pod — Mint';
const DEVICE = 'Puffy One';

test('the catalog and product pages arrive with their products in the first HTML', async ({
  request,
}) => {
  const html = await (await request.get('/')).text();
  expect(html).toContain(VAPE);
  expect(html).toContain('$14.99');
  const productPath = new RegExp(`href="(/products/[0-9a-f-]{36})">${VAPE}<`).exec(html)?.[1];
  expect(productPath).toBeDefined();
  const productHtml = await (await request.get(productPath ?? '/')).text();
  expect(productHtml).toContain('Cool mint pod, 2 ml.');
  expect(productHtml).toContain('Add to cart');
});

test('a buyer pays for a vape with the simulator; it is confirmed, then shipped by an admin', async ({
  browser,
}) => {
  const page = await newShopper(browser);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
  await expect(page.getByRole('link', { name: VAPE })).toBeVisible();
  await snap(page, '01-catalog');
  await page.setViewportSize({ width: 1100, height: 720 });
  await snap(page, '00-catalog-above-the-fold', false);
  await page.setViewportSize({ width: 1280, height: 900 });

  await signInWithDevWallet(page);
  await addToCart(page, VAPE, 2);
  await snap(page, '02-product');

  await fillShipping(page, 'US');
  await page.getByLabel('I am of legal age to buy vape products').check();
  await expect(page.getByText('$29.98').first()).toBeVisible();
  await snap(page, '03-checkout');
  await page.getByRole('button', { name: 'Place order' }).click();

  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderId = page.url().split('/').pop() ?? '';
  const status = page.getByRole('status');
  await expect(status).toContainText('NEW');
  await expect(page.getByRole('img', { name: 'Solana Pay QR code' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'open the payment in your wallet' })).toHaveAttribute(
    'href',
    /^solana:/,
  );
  await snap(page, '04-order-new');

  await page.getByRole('button', { name: 'Simulate payment' }).click();
  await expect(status).toContainText('PAID');
  await snap(page, '05-order-paid');
  await expect(status).toContainText('CONFIRMED', { timeout: 30_000 });
  await snap(page, '06-order-confirmed');

  const admin = await newShopper(browser, ADMIN_SECRET_HEX);
  await admin.goto('/');
  await signInWithDevWallet(admin);
  await admin.getByRole('link', { name: 'Admin' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
  const card = admin.getByRole('article', { name: `Order ${orderId.slice(0, 8)}` });
  await expect(card).toContainText('CONFIRMED');
  await snap(admin, '07-admin');
  await card.getByRole('button', { name: 'Move to PROCESSING' }).click();
  await expect(card).toContainText('PROCESSING');
  await card.getByRole('button', { name: 'Move to SHIPPED' }).click();
  await card.getByLabel('Tracking number').fill('1Z999AA10123456784');
  await card.getByRole('button', { name: 'Ship order' }).click();
  await expect(card).toContainText('SHIPPED');

  await page.reload();
  await expect(status).toContainText('SHIPPED');
  await expect(page.getByText('1Z999AA10123456784')).toBeVisible();
  await snap(page, '08-order-shipped');

  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your orders' })).toBeVisible();
  await expect(page.getByRole('link', { name: `Order ${orderId.slice(0, 8)}` })).toBeVisible();
  await snap(page, '09-orders');
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expect(page.getByText('Your referral code')).toBeVisible();
  await snap(page, '10-account');
});

test('the same cart to CN is blocked in the form with the vape-country reason; no order', async ({
  browser,
}) => {
  const page = await newShopper(browser);
  await page.goto('/');
  await signInWithDevWallet(page);
  await addToCart(page, VAPE);
  await fillShipping(page, 'CN');
  await page.getByLabel('I am of legal age to buy vape products').check();
  // Shown before submitting, by the server's rule, naming countries (not codes).
  const country = page.getByLabel('Country');
  await expect(country).toHaveAccessibleDescription(
    /^Vapes cannot ship to China\. .*United States/,
  );
  await expect(page.getByText(/\bCN\b/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Place order' }).click();
  await snap(page, '11-checkout-blocked-cn');
  await expect(page).toHaveURL(/\/checkout$/);
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByText('No orders yet.')).toBeVisible();
});

test('a double-clicked "Place order" makes one order, which the buyer can cancel', async ({
  browser,
}) => {
  const page = await newShopper(browser);
  await page.goto('/');
  await signInWithDevWallet(page);
  await addToCart(page, DEVICE);
  await fillShipping(page, 'DE');
  await page.getByRole('button', { name: 'Place order' }).dblclick();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderUrl = page.url();
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('list', { name: 'Your orders' }).getByRole('listitem')).toHaveCount(
    1,
  );

  // The buyer changes their mind while it is unpaid.
  await page.goto(orderUrl);
  await page.getByRole('button', { name: 'Cancel order' }).click();
  await expect(page.getByRole('status')).toContainText('CANCELLED');
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
});

test('an underpaid order is listed for review with its reason; the admin dismisses it with a note', async ({
  browser,
}) => {
  const page = await newShopper(browser);
  await page.goto('/');
  await signInWithDevWallet(page);
  await addToCart(page, DEVICE);
  await fillShipping(page, 'DE');
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  const short = (page.url().split('/').pop() ?? '').slice(0, 8);
  await page.getByRole('button', { name: 'Simulate underpayment' }).click();
  await expect(page.getByText('Simulated an underpayment (half the amount).')).toBeVisible();

  const admin = await newShopper(browser, ADMIN_SECRET_HEX);
  await admin.goto('/');
  await signInWithDevWallet(admin);
  await admin.getByRole('link', { name: 'Admin' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
  const review = admin.getByRole('region', { name: 'Payments to review' });
  const item = review.getByRole('article', { name: `Payment for order ${short}` });
  // The payment worker notices the short transfer within a poll or two.
  await expect(async () => {
    await admin.reload();
    await expect(item).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(item).toContainText('Less than the amount arrived');
  await expect(item).toContainText('Expected');
  await expect(item.getByRole('table', { name: `Transfers for order ${short}` })).toBeVisible();

  // The refund signature is asked for only for a refund.
  const resolution = item.getByLabel('Resolution');
  await resolution.selectOption('Refunded');
  await expect(item.getByLabel('Refund transaction signature')).toBeVisible();
  await resolution.selectOption('Dismissed');
  await expect(item.getByLabel('Refund transaction signature')).toHaveCount(0);

  // The note is required, checked before anything is sent.
  await item.getByRole('button', { name: 'Resolve payment' }).click();
  await expect(item.getByText('Say why in a note, for the history')).toBeVisible();
  await item.getByLabel('Note').fill('Test purchase by staff; nothing to return.');
  await snapPart(review, '12-admin-review');
  await item.getByRole('button', { name: 'Resolve payment' }).click();
  await expect(item).toHaveCount(0);
  await admin.reload();
  await expect(review).toBeVisible();
  await expect(review.getByRole('article', { name: `Payment for order ${short}` })).toHaveCount(0);
});

test('a Wallet Standard wallet signs in with Sign-In-With-Solana', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(installTestWallet);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Test Wallet' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const address = await page.evaluate(
    () => (window as unknown as { testWalletAddress: string }).testWalletAddress,
  );
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByText(address)).toBeVisible();
});
