import { canActorTransition, canTransition, ORDER_STATUSES, type OrderStatus } from '@puffy/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Buyer, openShop, type Shop } from './shop';

type Move = { actor: 'admin' | 'buyer'; to: OrderStatus };

const move: fc.Arbitrary<Move> = fc.oneof(
  fc.record({ actor: fc.constant('admin' as const), to: fc.constantFrom(...ORDER_STATUSES) }),
  fc.constant({ actor: 'buyer' as const, to: 'CANCELLED' as const }),
);

describe('random transition sequences through the router', () => {
  let shop: Shop;
  let buyer: Buyer;
  let productId: string;

  beforeAll(async () => {
    shop = await openShop({ transport: 'in-process' });
    buyer = await shop.buyer();
    productId = (await shop.product({ stock: 100_000 })).id;
  });
  afterAll(() => shop.close());

  it('end in the state the table predicts, with one history row per accepted move', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 8 }), async (moves) => {
        const order = await shop.order(buyer, { items: [{ productId, quantity: 1 }] });
        let expected: OrderStatus = 'NEW';
        let accepted = 0;
        for (const m of moves) {
          const allowed =
            canTransition(expected, m.to) && canActorTransition(m.actor, expected, m.to);
          const attempt =
            m.actor === 'admin'
              ? shop.admin.admin.order.transition.mutate({
                  id: order.id,
                  to: m.to,
                  trackingNumber: m.to === 'SHIPPED' ? 'TRACK-1' : undefined,
                })
              : buyer.client.order.cancel.mutate({ id: order.id });
          const outcome = await attempt.then(
            (o) => ({ ok: true as const, status: o.status }),
            (e: { data?: { code?: string } }) => ({ ok: false as const, code: e.data?.code }),
          );
          expect(outcome.ok, `${m.actor} ${expected} → ${m.to}`).toBe(allowed);
          if (outcome.ok) {
            expected = m.to;
            accepted += 1;
            expect(outcome.status).toBe(m.to);
          } else {
            expect(['PRECONDITION_FAILED', 'FORBIDDEN']).toContain(outcome.code);
          }
        }
        const final = await buyer.client.order.byId.query({ id: order.id });
        expect(final.status).toBe(expected);
        expect(final.history).toHaveLength(1 + accepted);
        for (const h of final.history.slice(1)) {
          expect(h.from !== null && canTransition(h.from, h.to)).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });
});
