import { describe, expect, it } from 'vitest';
import { wholeNumber } from './form-rules';
import { type PassCodeForm, passCodeInput, validatePassCode } from './pass-code-form';
import {
  type AdminProduct,
  EMPTY_PRODUCT,
  editOf,
  newProductInput,
  productEditInput,
  validateNewProduct,
  validateProductEdit,
} from './product-form';

const product: AdminProduct = {
  id: '7b0c5a3e-2f4d-4c1b-9a8e-1d2c3b4a5f60',
  slug: 'puffy-one',
  name: 'Puffy One',
  description: '',
  category: 'DEVICE',
  priceCents: 4999,
  stock: 40,
  passRequired: false,
  active: true,
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

describe('numbers as admins type them', () => {
  it('reads whole numbers, with or without thousands separators, and nothing else', () => {
    expect(wholeNumber(' 40 ')).toBe(40);
    expect(wholeNumber('1,000')).toBe(1000);
    for (const text of ['lots', 'abc', '4.5', '-1', '', '1e3']) {
      expect(wholeNumber(text)).toBeNaN();
    }
  });
});

describe('a product edit is checked with core’s AdminProductUpdateInput', () => {
  it('accepts what the row was loaded with', () => {
    expect(validateProductEdit(product, editOf(product))).toEqual({});
    expect(productEditInput(product, editOf(product))).toEqual({
      id: product.id,
      priceCents: 4999,
      stock: 40,
      active: true,
      expectedStock: 40,
    });
  });

  it('refuses stock "lots" in the form instead of saving 0', () => {
    expect(validateProductEdit(product, { ...editOf(product), stock: 'lots' })).toEqual({
      stock: 'Stock is a whole number from 0 to 1,000,000, such as 40',
    });
    expect(validateProductEdit(product, { ...editOf(product), stock: '2000000' }).stock).toMatch(
      /^Stock is a whole number/,
    );
  });

  it('refuses a price that is not one, with a human sentence', () => {
    for (const price of ['abc', '0', '14.999', '']) {
      expect(validateProductEdit(product, { ...editOf(product), price })).toEqual({
        priceCents: 'Enter a price such as 14.99: at least $0.01, at most $1,000,000',
      });
    }
  });
});

describe('a new product is checked with core’s AdminProductCreateInput', () => {
  const good = { ...EMPTY_PRODUCT, name: 'Tote', slug: 'tote-bag', price: '12.50', stock: '5' };

  it('accepts a complete product', () => {
    expect(validateNewProduct(good)).toEqual({});
    expect(newProductInput(good)).toMatchObject({ priceCents: 1250, stock: 5, slug: 'tote-bag' });
  });

  it('names every field that is wrong, each in words', () => {
    const errors = validateNewProduct({
      ...EMPTY_PRODUCT,
      slug: 'Tote Bag',
      price: 'free',
      stock: 'lots',
    });
    expect(Object.keys(errors).sort()).toEqual(['name', 'priceCents', 'slug', 'stock']);
    expect(errors.slug).toMatch(/^Lower-case words joined by single hyphens/);
    expect(Object.values(errors).join(' ')).not.toMatch(/Invalid|expected|✖|meta/);
  });
});

describe('a pass code is checked with core’s AdminPassCodeCreateInput', () => {
  const OWNER = '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin';
  const OWNER_ID = '7b0c5a3e-2f4d-4c1b-9a8e-1d2c3b4a5f60';
  const form: PassCodeForm = { owner: OWNER, code: '', maxUses: '10', expires: '' };
  const now = new Date('2026-06-01T12:00:00Z');

  it('accepts an owner by wallet, a generated code and a number of uses', () => {
    expect(validatePassCode(form, OWNER_ID, now)).toEqual({});
    expect(passCodeInput(form, OWNER_ID)).toEqual({ ownerId: OWNER_ID, maxUses: 10 });
  });

  it('refuses "abc" as maximum uses in the form, never sending it', () => {
    expect(validatePassCode({ ...form, maxUses: 'abc' }, OWNER_ID, now)).toEqual({
      maxUses: 'Maximum uses is a whole number from 1 to 1,000,000, such as 10',
    });
    expect(validatePassCode({ ...form, maxUses: '0' }, OWNER_ID, now).maxUses).toBeDefined();
  });

  it('says what is wrong with an owner, a chosen code or a day, in words', () => {
    const errors = validatePassCode(
      { owner: 'not-a-wallet', code: 'aaaa-aaaa-a', maxUses: '1', expires: '2026-05-31' },
      null,
      now,
    );
    expect(errors).toEqual({
      owner: 'That is not a Solana wallet address (base58, 32 to 44 characters)',
      code: expect.stringMatching(/^Leave it blank to generate one/),
      expiresAt: expect.stringMatching(/^Choose a day after today/),
    });
    expect(validatePassCode({ ...form, expires: '2026-06-02' }, OWNER_ID, now)).toEqual({});
    expect(passCodeInput({ ...form, expires: '2026-06-02' }, OWNER_ID).expiresAt).toEqual(
      new Date('2026-06-02T23:59:59Z'),
    );
  });
});
