import { expect, test } from '@playwright/test';
import { apiAs, buyerWithOrder, newSecret, productId } from './api';
import { closeShoppers, newShopper, signInWithDevWallet, snap, snapPart } from './shop';
import { ADMIN_SECRET_HEX } from './wallets';

test.afterEach(closeShoppers);

const DEVICE = 'Puffy One';
const shortAddress = (a: string) => `${a.slice(0, 4)}…${a.slice(-4)}`;

async function adminPage(browser: Parameters<typeof newShopper>[0]) {
  const admin = await newShopper(browser, ADMIN_SECRET_HEX);
  await admin.goto('/');
  await signInWithDevWallet(admin);
  await admin.getByRole('link', { name: 'Admin' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
  return admin;
}

test('pass codes: the owner is chosen by wallet, bad input is refused in words, success is said', async ({
  browser,
}) => {
  const holder = await apiAs(newSecret());
  const admin = await adminPage(browser);
  const section = admin.getByRole('region', { name: 'Pass codes' });
  const owner = section.getByLabel('Owner’s wallet address');
  const uses = section.getByLabel('Maximum uses');
  const create = section.getByRole('button', { name: 'Create pass code' });

  await uses.fill('abc');
  await create.click();
  await expect(uses).toHaveAccessibleDescription(
    'Maximum uses is a whole number from 1 to 1,000,000, such as 10',
  );
  await expect(section.getByRole('list', { name: 'Pass codes created' })).toHaveCount(0);

  await owner.fill('not-a-wallet');
  await uses.fill('5');
  await create.click();
  await expect(owner).toHaveAccessibleDescription(/not a Solana wallet address/);

  // A real address no one has signed in with: said when the admin leaves the field.
  await owner.fill('11111111111111111111111111111112');
  await owner.press('Tab');
  await expect(owner).toHaveAccessibleDescription(/No one has signed in with this wallet yet/);

  await owner.fill(holder.address);
  await owner.press('Tab');
  await expect(section.getByText(/^Found: a buyer since /)).toBeVisible();
  await create.click();
  await expect(section.getByRole('status')).toContainText(`for ${shortAddress(holder.address)}.`);
  await expect(section.getByRole('list', { name: 'Pass codes created' })).toContainText('5 uses');
  await snapPart(section, '26-admin-pass-codes');
  // The holder owns it.
  const mine = await holder.api.code.mine.query();
  expect(mine.passCodes).toEqual([expect.objectContaining({ maxUses: 5 })]);
});

test('products: stock "lots" is refused, never saved as 0; a new product is bounded by its stock', async ({
  browser,
}) => {
  const admin = await adminPage(browser);
  const products = admin.getByRole('region', { name: 'Products' });
  const device = products.getByRole('form', { name: `Edit ${DEVICE}` });
  const stock = device.getByLabel('Stock');
  const before = await stock.inputValue();
  await stock.fill('lots');
  await device.getByRole('button', { name: `Save ${DEVICE}` }).click();
  await expect(stock).toHaveAccessibleDescription(/^Stock is a whole number from 0 to 1,000,000/);
  await admin.reload();
  await expect(
    products.getByRole('form', { name: `Edit ${DEVICE}` }).getByLabel('Stock'),
  ).toHaveValue(before);

  const name = `Limited tote ${Date.now()}`;
  const form = products.getByRole('form', { name: 'New product' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel(/^Slug/).fill(`Limited Tote`);
  await form.getByLabel('Price (USD)').fill('free');
  await form.getByLabel('Stock').fill('2');
  await form.getByRole('button', { name: 'Create product' }).click();
  await expect(form.getByLabel(/^Slug/)).toHaveAccessibleDescription(/^Lower-case words joined/);
  await expect(form.getByLabel('Price (USD)')).toHaveAccessibleDescription(
    /^Enter a price such as 14\.99/,
  );
  await form.getByLabel(/^Slug/).fill(`limited-tote-${Date.now()}`);
  await form.getByLabel('Price (USD)').fill('12.50');
  await form.getByRole('button', { name: 'Create product' }).click();
  await expect(products.getByRole('status')).toHaveText(`Created ${name}. It is on sale now.`);
  await snapPart(products, '27-admin-products');

  // A buyer can put no more in the cart than the 2 in stock.
  const buyer = await newShopper(browser);
  await buyer.goto(`/products/${await productId(name)}`);
  await expect(buyer.getByRole('heading', { level: 1, name })).toBeVisible();
  const more = buyer.getByRole('button', { name: 'One more' });
  await more.click();
  await expect(buyer.getByLabel('Quantity', { exact: true })).toHaveValue('2');
  await expect(more).toBeDisabled();
  await expect(buyer.getByLabel('Quantity', { exact: true })).toHaveAccessibleDescription(
    'Only 2 left in stock',
  );
});

test('"Move to PAID" asks first; keeping the order as it is changes nothing', async ({
  browser,
}) => {
  const { api, order } = await buyerWithOrder(DEVICE);
  const short = order.id.slice(0, 8);
  const admin = await adminPage(browser);
  const orders = admin.getByRole('region', { name: 'Orders' });
  const card = orders.getByRole('article', { name: `Order ${short}` });
  await expect(card).toContainText('NEW');

  await card.getByRole('button', { name: 'Move to PAID' }).click();
  const confirm = card.getByRole('group', { name: /^Record this order as paid by hand\?/ });
  await expect(confirm).toContainText('This cannot be undone.');
  await snap(admin, '28-admin-confirm-paid');
  await confirm.getByRole('button', { name: 'Keep as NEW' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(card).toContainText('NEW');
  expect((await api.order.byId.query({ id: order.id })).status).toBe('NEW');

  await card.getByRole('button', { name: 'Move to PAID' }).click();
  await card.getByRole('button', { name: 'Yes, move to PAID' }).click();
  await expect(orders.getByRole('status')).toHaveText(`Order ${short} moved to PAID.`);
  await expect(card).toContainText('PAID');
  expect((await api.order.byId.query({ id: order.id })).status).toBe('PAID');
});
