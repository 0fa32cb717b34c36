import { describe, expectTypeOf, it } from 'vitest';
import type { Database } from '../src/db/client';
import { selectOrder, selectOrderPage } from '../src/db/queries/orders';
import { cancelOwnOrder } from '../src/domain/orders/moves';
import { getOwnOrder, listOwnOrders } from '../src/domain/orders/read';
import type { transitionOrder } from '../src/domain/orders/transition';

// Never queried: these checks are about types only.
const db = {} as Database;
const id = '00000000-0000-4000-8000-000000000001';
const page = { limit: 20 };

/**
 * Compile-time guarantees: every order query says whose orders it may see. The runtime side (a
 * buyer gets NOT_FOUND for another buyer's order) is in orders.test.ts.
 */
describe('order ownership cannot be forgotten', () => {
  it('queries need an explicit owner (null only where any order is meant)', () => {
    expectTypeOf(selectOrder).toBeCallableWith(db, { id, ownerId: 'user' });
    expectTypeOf(selectOrder).toBeCallableWith(db, { id, ownerId: null });
    // @ts-expect-error the owner is required
    expectTypeOf(selectOrder).toBeCallableWith(db, { id });
    // @ts-expect-error the owner is required
    expectTypeOf(selectOrderPage).toBeCallableWith(db, page, {});
  });

  it("a buyer's reads and cancels need a real owner, never 'any'", () => {
    // @ts-expect-error a buyer's order always has an owner
    expectTypeOf(getOwnOrder).toBeCallableWith(db, { id, ownerId: null });
    // @ts-expect-error a buyer's list always has an owner
    expectTypeOf(listOwnOrders).toBeCallableWith(db, { ...page });
    expectTypeOf(cancelOwnOrder).parameter(1).toEqualTypeOf<{ id: string; ownerId: string }>();
  });

  it('a buyer or admin move names who moves; only the system moves anonymously', () => {
    type Request = Parameters<typeof transitionOrder>[2];
    expectTypeOf<{
      orderId: string;
      to: 'CANCELLED';
      actor: 'buyer';
      actorId: null;
    }>().not.toExtend<Request>();
    expectTypeOf<{
      orderId: string;
      to: 'EXPIRED';
      actor: 'system';
      actorId: null;
    }>().toExtend<Request>();
  });
});
