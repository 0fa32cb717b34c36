import { type Browser, expect, type Page, test } from '@playwright/test';
import { buyerWithOrder, newSecret, productId } from './api';
import { closeShoppers, expectNoHorizontalScroll, newShopper, snap } from './shop';
import { ADMIN_SECRET_HEX } from './wallets';

const PHONE = { width: 390, height: 844 };
const DEVICE = 'Puffy One';

/** A phone-sized browser with its own dev wallet (a fixed key when given). */
const phone = (browser: Browser, secret = newSecret()) =>
  newShopper(browser, secret, { viewport: PHONE, isMobile: true, hasTouch: true });

test.afterEach(closeShoppers);

async function openMenu(page: Page) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
}

async function signIn(page: Page) {
  await openMenu(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Use dev wallet' }).click();
  await openMenu(page);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test('on a phone the header is one line with a Menu button; the menu opens and its links work', async ({
  browser,
}) => {
  const page = await phone(browser);
  await page.goto('/');
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('link', { name: 'Orders' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Cart' })).toBeVisible();
  const header = await page.getByRole('banner').boundingBox();
  expect(header?.height).toBeLessThan(80);
  await snap(page, 'm01-catalog', false);

  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await snap(page, 'm02-menu-open', false);
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your orders' })).toBeVisible();
  // Following a link closes the menu.
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('link', { name: 'Checkout' })).toBeHidden();
  await openMenu(page);
  await page.getByRole('link', { name: 'Catalog' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
});

test('after a failed "Place order" on a phone, the error summary takes focus and links to each field', async ({
  browser,
}) => {
  const page = await phone(browser);
  await page.goto('/');
  await signIn(page);
  await page.goto(`/products/${await productId(DEVICE)}`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.goto('/checkout');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Place order' }).click();

  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading') });
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  await expect(summary.getByRole('heading')).toHaveText(/things to fix before ordering$/);
  await snap(page, 'm03-checkout-errors', false);
  for (const field of ['Full name', 'Address line 1', 'City', 'Postal code', 'Country']) {
    await expect(summary.getByRole('link', { name: `${field} is required` })).toBeVisible();
  }
  await summary.getByRole('link', { name: 'Invalid email address' }).click();
  await expect(page.getByLabel('Email')).toBeFocused();
  await expect(page.getByLabel('Email')).toBeInViewport();
  await summary.getByRole('link', { name: 'Country is required' }).click();
  await expect(page.getByLabel('Country')).toBeFocused();
  await expectNoHorizontalScroll(page);
});

test('no page scrolls sideways on a 390 px screen', async ({ browser }) => {
  const { secret, order } = await buyerWithOrder(DEVICE, 2);
  const page = await phone(browser, secret);
  await page.goto('/');
  await signIn(page);
  await page.goto(`/products/${await productId(DEVICE)}`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  const pages: Array<[string, string]> = [
    ['/', 'm10-catalog'],
    [`/products/${await productId(DEVICE)}`, 'm11-product'],
    ['/cart', 'm12-cart'],
    ['/checkout', 'm13-checkout'],
    ['/orders', 'm14-orders'],
    [`/orders/${order.id}`, 'm15-order'],
    ['/account', 'm16-account'],
    ['/no-such-page', 'm17-not-found'],
  ];
  for (const [path, name] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    await expectNoHorizontalScroll(page);
    await snap(page, name);
  }
  // With the errors shown, too.
  await page.goto('/checkout');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expectNoHorizontalScroll(page);

  const admin = await phone(browser, ADMIN_SECRET_HEX);
  await admin.goto('/');
  await signIn(admin);
  await admin.goto('/admin');
  await expect(admin.getByRole('heading', { level: 2, name: 'Products' })).toBeVisible();
  await expect(admin.getByText(/^Loading/)).toHaveCount(0);
  await expectNoHorizontalScroll(admin);
  await snap(admin, 'm18-admin');
});
