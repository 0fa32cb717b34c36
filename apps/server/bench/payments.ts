import {
  insertOpenOrders,
  openPaymentShop,
  type PaymentShop,
  type TickFigures,
  USDC,
} from '../test/payment-shop';

/**
 * The payment worker against an adversarial chain, in process (the worker is a loop, not an HTTP
 * server): a fake Solana RPC on loopback with 20 ms per answer, real Postgres and Redis.
 * 1. Reference spam: 20 orders with 200 junk transactions each while honest orders are paid.
 * 2. Scale: 10,000 open NEW orders and no payments, then one honest payment.
 * Figures: RPC calls per tick (against the budget), ticks until an honest payment is seen, and how
 * long a tick takes.
 */

export interface PaymentsResult {
  latencyMs: number;
  budget: number;
  spam: {
    orders: number;
    junkPerOrder: number;
    honest: number;
    maxCallsPerTick: number;
    maxTicksToDetect: number;
    spamExpiredOnTime: boolean;
    tickMs: { p50: number; max: number };
    getTransactionCalls: number;
  };
  scale: {
    openOrders: number;
    quietCallsPerTick: number;
    quietTickMs: number;
    ticksToDetect: number;
    maxCallsPerTick: number;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function untilPaid(p: PaymentShop, id: string, ticks: TickFigures[]) {
  let n = 0;
  while ((await p.reload(id)).status !== 'PAID' && n < 10) {
    ticks.push(await p.tick());
    n += 1;
  }
  return n;
}

export async function benchPayments(options: { smoke: boolean }): Promise<PaymentsResult> {
  const latencyMs = 20;
  const budget = 100;
  const env = { PAYMENT_RPC_CALLS_PER_TICK: String(budget), LOG_LEVEL: 'warn' };
  const spamOrders = options.smoke ? 5 : 20;
  const junkPerOrder = options.smoke ? 20 : 200;
  const honestCount = 5;
  const openOrders = options.smoke ? 500 : 10_000;

  const spam = await openPaymentShop(env, { latencyMs });
  let spamResult: PaymentsResult['spam'];
  try {
    const product = await spam.shop.product({ priceCents: 1500, stock: spamOrders });
    const spammed = await Promise.all(
      Array.from({ length: spamOrders }, () =>
        spam.shop.order(spam.buyer, { items: [{ productId: product.id, quantity: 1 }] }),
      ),
    );
    for (const o of spammed) spam.rpc.junk(o.payment.reference, junkPerOrder);
    const honest = await Promise.all(
      Array.from({ length: honestCount }, (_, i) => spam.newOrder(900 + i)),
    );
    const ticks: TickFigures[] = [await spam.tick()];
    const detect: number[] = [];
    for (const o of honest) {
      spam.pay(o, USDC(o.totalCents));
      detect.push(await untilPaid(spam, o.id, ticks));
    }
    const expiredOnTime = await spam.later(31 * 60_000, async () => {
      ticks.push(await spam.tick());
      const states = await Promise.all(spammed.map((o) => spam.reload(o.id)));
      return states.every((o) => o.status === 'EXPIRED');
    });
    spamResult = {
      orders: spamOrders,
      junkPerOrder,
      honest: honestCount,
      maxCallsPerTick: Math.max(...ticks.map((t) => t.calls)),
      maxTicksToDetect: Math.max(...detect),
      spamExpiredOnTime: expiredOnTime && (await spam.stockOf(product.id)) === spamOrders,
      tickMs: { p50: median(ticks.map((t) => t.ms)), max: Math.max(...ticks.map((t) => t.ms)) },
      getTransactionCalls: spam.rpc.callCount('getTransaction'),
    };
  } finally {
    await spam.close();
  }

  const scale = await openPaymentShop(env, { latencyMs });
  try {
    const honest = await scale.newOrder(1234);
    const { clock } = scale.shop.world.deps;
    await insertOpenOrders(scale, openOrders, new Date(clock.now().getTime() + 3_600_000));
    const quiet = [await scale.tick(), await scale.tick(), await scale.tick()];
    scale.pay(honest, USDC(1234));
    const ticks: TickFigures[] = [];
    const n = await untilPaid(scale, honest.id, ticks);
    return {
      latencyMs,
      budget,
      spam: spamResult,
      scale: {
        openOrders,
        quietCallsPerTick: Math.max(...quiet.map((t) => t.calls)),
        quietTickMs: median(quiet.map((t) => t.ms)),
        ticksToDetect: n,
        maxCallsPerTick: Math.max(...[...quiet, ...ticks].map((t) => t.calls)),
      },
    };
  } finally {
    await scale.close();
  }
}

export function renderPayments(r: PaymentsResult): string {
  const s = r.spam;
  const c = r.scale;
  return `
## Payment worker against an adversarial chain

In process, fake Solana RPC on loopback answering in ${r.latencyMs} ms, real Postgres and Redis;
tick budget ${r.budget} RPC calls (\`PAYMENT_RPC_CALLS_PER_TICK\`), 10 per order.

| scenario | figure |
|---|---|
| reference spam: ${s.orders} orders × ${s.junkPerOrder} junk transactions, ${s.honest} honest orders paid one after another | honest payment seen after at most **${s.maxTicksToDetect} tick(s)**; at most **${s.maxCallsPerTick} RPC calls per tick** (budget ${r.budget}); tick p50 ${s.tickMs.p50.toFixed(0)} ms, max ${s.tickMs.max.toFixed(0)} ms; spam orders expired in the first tick past their window with stock released once: ${s.spamExpiredOnTime ? 'yes' : '**no**'}; getTransaction calls in all: ${s.getTransactionCalls} (junk is never read) |
| ${c.openOrders.toLocaleString('en-US')} open NEW orders, no payments | **${c.quietCallsPerTick} RPC calls per tick** (a slot and one page of the merchant account's history), tick ${c.quietTickMs.toFixed(0)} ms |
| …then one honest payment among them | seen after **${c.ticksToDetect} tick(s)**, at most ${c.maxCallsPerTick} calls per tick |
`;
}
