import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type CreateOrderInput,
  createPuffyClient,
  type ErrorReason,
  errorReason,
  isPuffyError,
  type Order,
  type Product,
  ProductListInput,
  type PuffyClient,
  type PuffyClientOptions,
  type RouterInputs,
  type RouterOutputs,
  ShippingAddress,
} from '../src/index';

const client: PuffyClient = createPuffyClient({ url: 'http://127.0.0.1:9' });

const address = {
  name: 'Ada Buyer',
  email: 'ada@example.com',
  line1: '1 Main St',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
} satisfies ShippingAddress;

const { line1: _line1, ...withoutLine1 } = address;

describe('the client is typed from the server router', () => {
  it('takes exactly core ProductListInput for product.list, or nothing', () => {
    // tRPC types an input that may be left out as `void | Input`.
    type Given<T> = Exclude<T, void>;
    expectTypeOf<Given<RouterInputs['product']['list']>>().toEqualTypeOf<Given<ProductListInput>>();
    expectTypeOf(client.product.list.query)
      .parameter(0)
      .toEqualTypeOf<RouterInputs['product']['list']>();
    expectTypeOf<RouterInputs['product']['byId']>().toEqualTypeOf<{ id: string }>();
  });

  it('lets every list procedure be called with no input', () => {
    expectTypeOf(client.product.list.query).toBeCallableWith();
    expectTypeOf(client.order.list.query).toBeCallableWith();
    expectTypeOf(client.admin.order.list.query).toBeCallableWith();
    expectTypeOf(client.admin.payment.needsReview.query).toBeCallableWith();
    expectTypeOf(client.admin.product.list.query).toBeCallableWith();
    // Still typed: a misspelt filter does not compile.
    // @ts-expect-error `limt` is not a field of the list input
    expectTypeOf(client.order.list.query).toBeCallableWith({ limt: 5 });
  });

  it('takes exactly core CreateOrderInput for order.create and returns core Order', () => {
    expectTypeOf<RouterInputs['order']['create']>().toEqualTypeOf<CreateOrderInput>();
    expectTypeOf(client.order.create.mutate).parameter(0).toEqualTypeOf<CreateOrderInput>();
    expectTypeOf<RouterOutputs['order']['create']>().toEqualTypeOf<Order>();
    expectTypeOf<RouterInputs['order']['create']['shippingAddress']>().toEqualTypeOf<
      CreateOrderInput['shippingAddress']
    >();
  });

  it('refuses the old service field names in an order at compile time', () => {
    const items = [{ productId: '6b0c7f3e-1d2a-4c5b-8e9f-0a1b2c3d4e5f', quantity: 1 }];
    const order = (input: CreateOrderInput) => input;
    // @ts-expect-error address_line_1 is not a field: line1 is
    order({ items, shippingAddress: { ...withoutLine1, address_line_1: '1 Main St' } });
    // @ts-expect-error phone_number is not a field: phone is
    order({ items, shippingAddress: { ...address, phone_number: '+49 30 1234567' } });
    // @ts-expect-error product_id is not a field: productId is
    order({ items: [{ product_id: 'x', quantity: 1 }], shippingAddress: address });
    expect(order({ items, shippingAddress: address }).shippingAddress.line1).toBe('1 Main St');
  });

  it('returns pages of Product', () => {
    type Item = RouterOutputs['product']['list']['items'][number];
    expectTypeOf<Item>().toEqualTypeOf<Product>();
    expectTypeOf<Item>().toHaveProperty('priceCents').toEqualTypeOf<number>();
    expectTypeOf<Item>().toHaveProperty('passRequired').toEqualTypeOf<boolean>();
    expectTypeOf<Item>().toHaveProperty('createdAt').toEqualTypeOf<Date>();
    expectTypeOf<RouterOutputs['product']['list']['nextCursor']>().toEqualTypeOf<string | null>();
    expectTypeOf<RouterOutputs['product']['byId']>().toEqualTypeOf<Product>();
  });

  it('types server error data with the reason and issues', () => {
    expectTypeOf(errorReason).returns.toEqualTypeOf<ErrorReason | null>();
    const err: unknown = null;
    if (isPuffyError(err)) {
      expectTypeOf(err.data?.reason).toEqualTypeOf<ErrorReason | null | undefined>();
      expectTypeOf(err.data?.code).toEqualTypeOf<TRPC_ERROR_CODE_KEY | undefined>();
    }
  });

  it('offers no option that turns TLS verification off', () => {
    expectTypeOf<keyof PuffyClientOptions>().toEqualTypeOf<
      'url' | 'getToken' | 'timeoutMs' | 'fetch' | 'headers' | 'maxBatchItems'
    >();
  });
});

describe('renamed fields fail to compile, and fail to parse', () => {
  it('refuses the old address spellings', () => {
    // @ts-expect-error address_line_1 is not a field (it is line1)
    const oldLine: ShippingAddress = { ...withoutLine1, address_line_1: '1 Main St' };
    // @ts-expect-error phone_number is not a field (it is phone)
    const oldPhone: ShippingAddress = { ...address, phone_number: '+49 30 1234567' };
    const current: ShippingAddress = { ...address, phone: '+49 30 1234567' };

    expect(ShippingAddress.safeParse(oldLine).success).toBe(false);
    expect(ShippingAddress.safeParse(oldPhone).success).toBe(false);
    expect(ShippingAddress.safeParse(current).success).toBe(true);
  });

  it('refuses a misspelt product.list field', () => {
    // Not called: the compile-time check is the point, and no server listens on port 9.
    const call = () =>
      client.product.list.query({
        // @ts-expect-error limt is not a field (it is limit)
        limt: 5,
      });
    expectTypeOf(call).returns.resolves.toHaveProperty('items');
    expect(ProductListInput.safeParse({ limt: 5 }).success).toBe(false);
    expect(ProductListInput.safeParse({ limit: 5 }).success).toBe(true);
  });
});
