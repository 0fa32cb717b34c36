import { expect, type Page, test } from '@playwright/test';
import { apiAs, newSecret, productId, US_ADDRESS } from './api';
import { addToCart, closeShoppers, fillShipping, signedInShopper, snap } from './shop';

test.afterEach(closeShoppers);

const DEVICE = 'Puffy One';
const VAPE = 'Puffy Pod — Mint';
const GATED = 'Puffy Pod — Genesis Edition';

const summary = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('heading') });

test('the 4th unpaid order says what to do, with a link to the open orders', async ({
  browser,
}) => {
  const secret = newSecret();
  const { api } = await apiAs(secret);
  const items = [{ productId: await productId(DEVICE), quantity: 1 }];
  for (let i = 0; i < 3; i++) await api.order.create.mutate({ items, shippingAddress: US_ADDRESS });

  const page = await signedInShopper(browser, secret);
  await addToCart(page, DEVICE);
  await fillShipping(page, 'DE');
  await page.getByRole('button', { name: 'Place order' }).click();
  const box = summary(page);
  await expect(box).toContainText(
    'You have 3 unpaid orders — pay or cancel one before placing another.',
  );
  await expect(box).toBeFocused();
  await snap(page, '22-checkout-too-many-open-orders');
  await box.getByRole('link', { name: 'Your orders' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your orders' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Your orders' }).getByRole('listitem')).toHaveCount(
    3,
  );
});

test('a wrong pass code and a wrong referral code are reported together; no discount for them', async ({
  browser,
}) => {
  const page = await signedInShopper(browser);
  await addToCart(page, GATED);
  await fillShipping(page, 'US');
  await page.getByLabel('I am of legal age to buy vape products').check();
  await page.getByLabel('Pass code').fill('NOT-A-REAL-PASS');
  await page.getByLabel('Referral code (optional)').fill('ZZZZZZZZ');
  await page.getByLabel('Referral code (optional)').press('Tab');
  // Asked when the buyer leaves the fields: both answers at once, each on its field.
  await expect(page.getByLabel('Pass code')).toHaveAccessibleDescription(/no such pass code/);
  await expect(page.getByLabel('Referral code (optional)')).toHaveAccessibleDescription(
    /no such referral code/,
  );
  await expect(page.getByText('Referral discount')).toHaveCount(0);

  await page.getByRole('button', { name: 'Place order' }).click();
  const box = summary(page);
  await expect(box).toBeFocused();
  await expect(box.getByRole('link', { name: /^There is no such pass code/ })).toBeVisible();
  await expect(box.getByRole('link', { name: /^There is no such referral code/ })).toBeVisible();
  await snap(page, '23-checkout-two-wrong-codes');
  await expect(page).toHaveURL(/\/checkout$/);
});

test("a referral discount shows once the shop accepted the code, at the server's own rate, and is what the order charges", async ({
  browser,
}) => {
  const { api } = await apiAs(newSecret());
  const { referralCode } = (await api.auth.me.query()).user;
  const page = await signedInShopper(browser);
  await addToCart(page, DEVICE);
  await fillShipping(page, 'DE');
  await page.getByLabel('Referral code (optional)').fill(referralCode.toLowerCase());
  await expect(page.getByText('Referral discount')).toHaveCount(0);
  // The API runs with REFERRAL_DISCOUNT_BPS=1250, not core's default of 500.
  await expect(page.getByText("A friend's referral code takes 12.5 % off.")).toBeVisible();
  await page.getByLabel('Referral code (optional)').press('Tab');
  await expect(page.getByText('Code accepted: 12.5 % off.')).toBeVisible();
  await expect(
    page.getByRole('row', { name: /Referral discount \(12\.5 %\) −\$6\.24/ }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /Total \(USDC\) \$43\.75/ })).toBeVisible();
  await snap(page, '24-checkout-referral-accepted');
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('row', { name: /Referral discount −\$6\.24/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Total \$43\.75/ })).toBeVisible();
});

test('the age question waits for "Place order"; placing never flashes an empty cart', async ({
  browser,
}) => {
  const page = await signedInShopper(browser);
  await addToCart(page, VAPE);
  await fillShipping(page, 'US');
  const age = page.getByLabel('I am of legal age to buy vape products');
  await expect(age).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Confirm that you are of legal age/)).toHaveCount(0);

  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(summary(page)).toBeFocused();
  await expect(
    summary(page).getByRole('link', { name: /^Confirm that you are of legal age/ }),
  ).toBeVisible();
  await expect(age).toHaveAttribute('aria-invalid', 'true');

  // From here on, note whether "Your cart is empty" is ever on screen.
  await page.evaluate(() => {
    const seen = { empty: false };
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      if (document.body.textContent?.includes('Your cart is empty')) seen.empty = true;
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await age.check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('status')).toContainText('NEW');
  expect(
    await page.evaluate(() => (window as unknown as { seen: { empty: boolean } }).seen.empty),
  ).toBe(false);
  // The order ships to a country by its name.
  await expect(page.getByText('United States')).toBeVisible();
});
