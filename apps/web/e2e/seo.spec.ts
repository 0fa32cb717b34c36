import { expect, test } from '@playwright/test';
import { productId } from './api';

const DEVICE = 'Puffy One';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

test('each page has its own title; a product page has its description and Open Graph', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Catalog · Puffy');
  await page.goto('/?category=DEVICE');
  await expect(page).toHaveTitle('Devices · Puffy');

  await page.goto(`/products/${await productId(DEVICE)}`);
  await expect(page).toHaveTitle(`${DEVICE} · Puffy`);
  const description = page.locator('meta[name="description"]');
  await expect(description).toHaveAttribute('content', /650 mAh\. \$49\.99/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', DEVICE);
  await expect(page.locator('meta[property="og:description"]')).toHaveAttribute(
    'content',
    /650 mAh/,
  );
});

test('an unknown product or a malformed order id answers HTTP 404 with the not-found page', async ({
  page,
}) => {
  const pages = [
    [`/products/${UNKNOWN}`, 'Product not found'],
    ['/products/not-a-product', 'Product not found'],
    ['/orders/not-an-order', 'Order not found'],
    ['/no-such-page', 'Page not found'],
  ] as const;
  for (const [path, heading] of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
});

test('every page names a favicon that loads', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(href).toBeTruthy();
  const icon = await request.get(href as string);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
});

test('the sitemap lists the catalog and the active products', async ({ request, baseURL }) => {
  const response = await request.get('/sitemap.xml');
  expect(response.status()).toBe(200);
  const xml = await response.text();
  expect(xml).toContain(`<loc>${baseURL}/</loc>`);
  expect(xml).toContain(`<loc>${baseURL}/products/${await productId(DEVICE)}</loc>`);
});
