import { describe, expect, it } from 'vitest';
import {
  AdminOrderListInput,
  AdminOrderTransitionInput,
  AdminPassCodeCreateInput,
  AdminPaymentResolveInput,
  AdminProductCreateInput,
  AdminProductUpdateInput,
  AdminProductUpsertInput,
} from './admin';

const uuid = '4b9e3a4c-1f0e-4d6b-9a57-0c3c1f1d2e3f';
const product = {
  slug: 'mint-ice-2',
  name: 'Mint Ice',
  category: 'VAPE',
  priceCents: 1999,
  stock: 5,
};

describe('AdminProductUpsertInput', () => {
  it('creates without id (optional fields left out) and updates only what is sent', () => {
    expect(AdminProductUpsertInput.parse(product)).toEqual(product);
    const update = { id: uuid, active: false };
    expect(AdminProductUpsertInput.parse(update)).toEqual(update);
    // An update carries no defaults: passRequired left out stays left out.
    expect('passRequired' in AdminProductUpsertInput.parse(update)).toBe(false);
  });

  it('refuses control characters in names and descriptions', () => {
    for (const field of ['name', 'description']) {
      expect(AdminProductUpsertInput.safeParse({ ...product, [field]: 'a\u0000b' }).success).toBe(
        false,
      );
    }
  });

  it.each([
    ['slug', 'Mint Ice'],
    ['slug', 'mint--ice'],
    ['slug', '-mint'],
    ['slug', ''],
    ['name', ' '],
    ['description', 'x'.repeat(5001)],
    ['category', 'FOOD'],
    ['priceCents', 0],
    ['priceCents', 19.99],
    ['priceCents', 100_000_001],
    ['stock', -1],
    ['stock', 1_000_001],
    ['id', 'not-a-uuid'],
  ])('refuses %s = %j', (field, value) => {
    const schema = field === 'id' ? AdminProductUpdateInput : AdminProductCreateInput;
    const r = schema.safeParse({ ...product, [field]: value });
    expect(r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.')))]).toEqual([
      field,
    ]);
  });

  it('refuses unknown fields such as createdAt', () => {
    expect(AdminProductUpsertInput.safeParse({ ...product, createdAt: new Date() }).success).toBe(
      false,
    );
  });
});

describe('AdminPassCodeCreateInput', () => {
  it('refuses admin-chosen codes that are short or repetitive, and accepts strong or absent ones', () => {
    const withCode = (code: string) =>
      AdminPassCodeCreateInput.safeParse({ ownerId: uuid, maxUses: 1, code });
    // A 9-character code was guessed in 87 tries.
    expect(withCode('GENESIS-A').success).toBe(false);
    expect(withCode('AAAAABBBBBCC').success).toBe(false);
    const weak = withCode('ABABABABABAB');
    expect(weak.success).toBe(false);
    expect(weak.error?.issues[0]?.path).toEqual(['code']);
    expect(withCode('GENESIS-A-7K2Q').success).toBe(true);
    expect(AdminPassCodeCreateInput.safeParse({ ownerId: uuid, maxUses: 1 }).success).toBe(true);
  });

  it('accepts a code with a date and refuses bad counts', () => {
    expect(
      AdminPassCodeCreateInput.safeParse({ ownerId: uuid, maxUses: 10, expiresAt: new Date() })
        .success,
    ).toBe(true);
    for (const maxUses of [0, 1.5, 1_000_001]) {
      expect(AdminPassCodeCreateInput.safeParse({ ownerId: uuid, maxUses }).success).toBe(false);
    }
    expect(
      AdminPassCodeCreateInput.safeParse({ ownerId: uuid, maxUses: 1, expiresAt: 'tomorrow' })
        .success,
    ).toBe(false);
    expect(
      AdminPassCodeCreateInput.safeParse({
        ownerId: uuid,
        maxUses: 1,
        expiresAt: new Date('+010000-01-01T00:00:00.000Z'),
      }).success,
    ).toBe(false);
  });
});

describe('AdminOrderTransitionInput', () => {
  it('accepts a status and refuses an unknown one or a long note', () => {
    expect(
      AdminOrderTransitionInput.safeParse({ id: uuid, to: 'SHIPPED', trackingNumber: '1Z999' })
        .success,
    ).toBe(true);
    expect(AdminOrderTransitionInput.safeParse({ id: uuid, to: 'LOST' }).success).toBe(false);
    expect(
      AdminOrderTransitionInput.safeParse({ id: uuid, to: 'PAID', note: 'x'.repeat(501) }).success,
    ).toBe(false);
  });
});

describe('AdminOrderListInput', () => {
  it('takes pagination plus status and userId', () => {
    expect(AdminOrderListInput.parse({ status: 'NEW', userId: uuid, limit: 1000 })).toEqual({
      status: 'NEW',
      userId: uuid,
      limit: 100,
    });
    expect(AdminOrderListInput.safeParse({ cursor: 'x', offset: 2 }).success).toBe(false);
  });
});

describe('AdminPaymentResolveInput', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  it('takes a resolution and a note; a refund may name its transaction', () => {
    expect(
      AdminPaymentResolveInput.safeParse({ id, resolution: 'refunded', note: 'sent back' }).success,
    ).toBe(true);
    expect(
      AdminPaymentResolveInput.safeParse({
        id,
        resolution: 'refunded',
        note: 'sent back',
        refundSignature: '5'.repeat(87),
      }).success,
    ).toBe(true);
  });

  it('refuses an empty note, an unknown resolution and a refund signature on anything else', () => {
    expect(
      AdminPaymentResolveInput.safeParse({ id, resolution: 'dismissed', note: ' ' }).success,
    ).toBe(false);
    expect(AdminPaymentResolveInput.safeParse({ id, resolution: 'lost', note: 'x' }).success).toBe(
      false,
    );
    const result = AdminPaymentResolveInput.safeParse({
      id,
      resolution: 'accepted',
      note: 'x',
      refundSignature: '5'.repeat(87),
    });
    expect(result.error?.issues[0]?.path).toEqual(['refundSignature']);
  });
});
