import { expect, test } from '@playwright/test';
import { apiAs, buyerWithOrder } from './api';
import { closeShoppers, newShopper, signedInShopper, signInWithDevWallet, snap } from './shop';
import { ADMIN_SECRET_HEX } from './wallets';

test.afterEach(closeShoppers);

const DEVICE = 'Puffy One';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

test('an unknown order or product is "not found"; an outage says so and offers "Try again"', async ({
  browser,
}) => {
  const { secret, order } = await buyerWithOrder(DEVICE);
  const page = await signedInShopper(browser, secret);

  await page.goto(`/orders/${UNKNOWN_ID}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Order not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Your orders' }).last()).toBeVisible();
  await page.goto(`/products/${UNKNOWN_ID}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Product not found' })).toBeVisible();

  // The API stops answering this order: not "not found", and never "Loading…" forever.
  const orderReads = /\/trpc\/[^?]*order\.byId/;
  await page.route(orderReads, (route) => route.abort('connectionrefused'));
  await page.goto(`/orders/${order.id}`);
  const outage = page.getByRole('heading', { level: 1, name: 'This order could not be loaded' });
  await expect(outage).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/on our side, not yours/)).toBeVisible();
  await snap(page, '25-order-unavailable');
  await page.unroute(orderReads);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Order ${order.id.slice(0, 8)}` }),
  ).toBeVisible();
});

test('a cancelled order reads CANCELLED in the orders list at once (tRPC invalidation reaches lists)', async ({
  browser,
}) => {
  const { secret, order } = await buyerWithOrder(DEVICE);
  const page = await signedInShopper(browser, secret);
  await page.getByRole('link', { name: 'Orders' }).click();
  const card = page.getByRole('listitem').filter({ hasText: `Order ${order.id.slice(0, 8)}` });
  await expect(card).toContainText('NEW');

  await card.getByRole('link', { name: `Order ${order.id.slice(0, 8)}` }).click();
  await page.getByRole('button', { name: 'Cancel order' }).click();
  await expect(page.getByRole('status')).toContainText('CANCELLED');
  // Back to the list without a reload: the list cached a moment ago was invalidated.
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(card).toContainText('CANCELLED', { timeout: 5_000 });
});

test('admin lists page with "Load more" past their first page', async ({ browser }) => {
  const { api } = await apiAs(ADMIN_SECRET_HEX);
  const stamp = Date.now();
  for (let i = 0; i < 21; i++) {
    await api.admin.product.upsert.mutate({
      slug: `paging-${stamp}-${i}`,
      name: `Paging item ${stamp}-${i}`,
      category: 'MERCH',
      priceCents: 500,
      stock: 5,
    });
  }
  const admin = await newShopper(browser, ADMIN_SECRET_HEX);
  await admin.goto('/');
  await signInWithDevWallet(admin);
  await admin.getByRole('link', { name: 'Admin' }).click();
  const products = admin.getByRole('region', { name: 'Products' });
  const list = products.getByRole('list', { name: 'Products' });
  await expect(list.getByRole('listitem')).toHaveCount(20);
  // Oldest first: the last one made is on a later page.
  const last = list.getByRole('heading', { name: `Paging item ${stamp}-20` });
  await expect(last).toHaveCount(0);
  // Each "Load more" adds a page; the newest product is on the last one.
  await expect(async () => {
    if ((await last.count()) === 0) {
      await products.getByRole('button', { name: 'Load more products' }).click();
    }
    await expect(last).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  expect(await list.getByRole('listitem').count()).toBeGreaterThan(20);
  await expect(last).toBeVisible();
});
