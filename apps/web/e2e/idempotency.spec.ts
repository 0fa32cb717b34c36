import { expect, test } from '@playwright/test';
import { addToCart, fillShipping, newShopper, signInWithDevWallet } from './shop';

const DEVICE = 'Puffy One';

/** The idempotency key in an `order.create` request body (plain or batched tRPC). */
function idempotencyKeyOf(body: string | null): string | undefined {
  return /"idempotencyKey":"([0-9a-f-]{36})"/.exec(body ?? '')?.[1];
}

// The double-click test shows the client sends one request; this one shows what happens when the
// browser really sends `order.create` twice: the first answer is lost on the way back (the server
// placed the order), the buyer clicks again, and the retry carries the same key, so the server
// answers with the order it already placed instead of making a second one.
test('a retry after a lost answer sends the same idempotency key and makes one order', async ({
  browser,
}) => {
  const page = await newShopper(browser);
  await page.goto('/');
  await signInWithDevWallet(page);
  await addToCart(page, DEVICE);
  await fillShipping(page, 'DE');

  const sent: Array<string | undefined> = [];
  let lostOne = false;
  await page.route('**/trpc/order.create**', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    sent.push(idempotencyKeyOf(request.postData()));
    if (lostOne) return route.continue();
    lostOne = true;
    const answer = await route.fetch(); // the server places the order...
    expect(answer.status()).toBe(200);
    return route.abort('connectionreset'); // ...and the browser never hears of it
  });

  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { name: 'Your order could not be placed' })).toBeVisible();
  await expect(page.getByText('you will not be charged twice')).toBeVisible();
  await expect(page).toHaveURL(/\/checkout$/);
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);

  expect(sent).toHaveLength(2);
  expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(sent[1]).toBe(sent[0]);
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('list', { name: 'Your orders' }).getByRole('listitem')).toHaveCount(
    1,
  );
});
