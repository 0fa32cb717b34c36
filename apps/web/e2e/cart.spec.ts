import { expect, test } from '@playwright/test';
import { cartLabel, closeShoppers, newShopper, snap } from './shop';

test.afterEach(closeShoppers);

const DEVICE = 'Puffy One';
const CABLE = 'USB-C cable';

test('quantities: − / +, free typing read when the buyer leaves the box, bounded per line', async ({
  browser,
}) => {
  const page = await newShopper(browser);
  await page.goto('/');
  await page.getByRole('link', { name: DEVICE }).click();
  const quantity = page.getByLabel('Quantity', { exact: true });
  await expect(quantity).toHaveValue('1');
  await page.getByRole('button', { name: 'One more' }).click();
  await page.getByRole('button', { name: 'One more' }).click();
  await expect(quantity).toHaveValue('3');
  await page.getByRole('button', { name: 'One fewer' }).click();
  await expect(quantity).toHaveValue('2');

  // Backspace, then "5": typing is free, nothing is clamped while the box is being edited.
  await quantity.click();
  await quantity.press('End');
  await quantity.press('Backspace');
  await expect(quantity).toHaveValue('');
  await quantity.pressSequentially('5');
  await quantity.press('Tab');
  await expect(quantity).toHaveValue('5');

  // More than one order line may hold becomes the most it may, with the reason.
  await quantity.fill('25');
  await quantity.press('Enter');
  await expect(quantity).toHaveValue('10');
  await expect(quantity).toHaveAccessibleDescription('At most 10 of one product per order');
  // Text that is no number keeps the last good quantity.
  await quantity.fill('lots');
  await quantity.press('Tab');
  await expect(quantity).toHaveValue('10');

  await quantity.fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('Added 2 to your cart.');
  await expect(page.getByRole('link', { name: cartLabel(2) })).toBeVisible();
  await snap(page, '20-product-stepper');
});

test('the header’s cart count is right in the first HTML, before any script runs', async ({
  browser,
}) => {
  const page = await newShopper(browser);
  await page.goto('/');
  await page.getByRole('link', { name: CABLE }).click();
  await page.getByLabel('Quantity', { exact: true }).fill('3');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('link', { name: cartLabel(3) })).toBeVisible();

  // The server render (what is painted first) already has the count: no 0, then 3.
  const html = await (await page.request.get('/')).text();
  expect(html).toContain(`aria-label="${cartLabel(3)}"`);
  // And with JavaScript off, the badge still reads 3.
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(await page.context().cookies());
  const still = await context.newPage();
  await still.goto('/');
  await expect(still.getByRole('link', { name: cartLabel(3) })).toBeVisible();
  await context.close();
});

test('the cart page edits lines, removes them, and leads on to checkout', async ({ browser }) => {
  const page = await newShopper(browser);
  for (const [name, quantity] of [
    [DEVICE, '1'],
    [CABLE, '2'],
  ] as const) {
    await page.goto('/');
    await page.getByRole('link', { name }).click();
    await page.getByLabel('Quantity', { exact: true }).fill(quantity);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('status')).toContainText(`Added ${quantity}`);
  }
  await page.getByRole('link', { name: cartLabel(3) }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  await expect(page.getByText('Subtotal $69.97')).toBeVisible();

  const cable = page.getByLabel(`Quantity of ${CABLE}`);
  await page.getByRole('button', { name: `One more ${CABLE}` }).click();
  await expect(cable).toHaveValue('3');
  await cable.fill('1');
  await cable.press('Tab');
  await expect(page.getByText('Subtotal $59.98')).toBeVisible();
  await expect(page.getByRole('link', { name: cartLabel(2) })).toBeVisible();
  await snap(page, '21-cart');

  await page.getByRole('button', { name: `Remove ${DEVICE}` }).click();
  await expect(page.getByRole('link', { name: DEVICE })).toHaveCount(0);
  await expect(page.getByText('Subtotal $9.99')).toBeVisible();

  await page.getByRole('link', { name: 'Continue to checkout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await expect(page.getByLabel(`Quantity of ${CABLE}`)).toHaveValue('1');

  await page.getByRole('button', { name: `Remove ${CABLE}` }).click();
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
  await expect(page.getByRole('link', { name: cartLabel(0), exact: true })).toBeVisible();
});
