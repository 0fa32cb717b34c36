import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomAddress } from './fake-solana';
import { openPaymentShop, type PaymentShop, USDC } from './payment-shop';

/**
 * The merchant may hold USDC in token accounts other than its associated one; a wallet may send
 * there. The worker watches every token account of the mint the merchant owns, so such a payment
 * pays its order; money sent to someone else's account never does.
 */
describe('payments into any of the merchant’s token accounts', () => {
  let p: PaymentShop;

  beforeAll(async () => {
    p = await openPaymentShop();
  });
  afterAll(() => p.close());

  it('a payment into a non-associated USDC account of the merchant pays the order', async () => {
    const { config } = p.shop.world.deps;
    const second = p.rpc.openTokenAccount(config.solana.merchantWallet, config.solana.usdcMint);
    const order = await p.newOrder(1111);
    await p.tick();
    p.pay(order, USDC(1111), { toAccount: second });
    let n = 0;
    while ((await p.reload(order.id)).status !== 'PAID' && n < 3) {
      await p.tick();
      n += 1;
    }
    expect((await p.reload(order.id)).status).toBe('PAID');
  }, 60_000);

  it('the same, named through an address lookup table without an owner', async () => {
    const { config } = p.shop.world.deps;
    const third = p.rpc.openTokenAccount(config.solana.merchantWallet, config.solana.usdcMint);
    const order = await p.newOrder(1212);
    await p.tick();
    p.pay(order, USDC(1212), { toAccount: third, viaLookupTable: true });
    for (let n = 0; n < 3 && (await p.reload(order.id)).status !== 'PAID'; n++) await p.tick();
    expect((await p.reload(order.id)).status).toBe('PAID');
  }, 60_000);

  it('money sent to another owner’s account naming the reference does not pay it', async () => {
    const { config } = p.shop.world.deps;
    const stranger = randomAddress();
    const theirs = p.rpc.openTokenAccount(stranger, config.solana.usdcMint);
    const order = await p.newOrder(1313);
    p.rpc.pay(
      {
        reference: order.payment.reference,
        recipient: stranger,
        mint: config.solana.usdcMint,
        amount: USDC(1313),
      },
      { toAccount: theirs },
    );
    await p.tick();
    await p.later(31 * 60_000, async () => {
      await p.tick();
      await p.tick();
    });
    expect((await p.reload(order.id)).status).toBe('EXPIRED');
  }, 60_000);
});
