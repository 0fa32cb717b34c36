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
 * 3. Flood: 3,000 successful junk transactions naming the merchant's token account around one
 *    honest payment, at the default budget.
 * 4. Frozen orders: 30 orders whose references carry 10,050 failed transactions each (one
 *    transaction names all 30), beside 3 honest unpaid orders, past their windows.
 * Figures: RPC calls per tick (against the budget), ticks until an honest payment is seen, how
 * long a tick takes, and ticks until orders past their windows leave NEW.
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
  flood: {
    junk: number;
    budget: number;
    ticksToDetect: number;
    secondsToDetect: number;
    maxCallsPerTick: number;
    getTransactionCalls: number;
  };
  frozen: {
    orders: number;
    failedTransactions: number;
    honestTicks: number;
    frozenTicks: number;
    stockReleased: boolean;
    maxCallsPerTick: number;
    referencePagesRead: number;
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

  const flood = await benchFlood(options, latencyMs);
  const frozen = await benchFrozen(options, latencyMs);

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
      flood,
      frozen,
    };
  } finally {
    await scale.close();
  }
}

/** 3,000 junk transactions naming the merchant's token account around one honest payment. */
async function benchFlood(options: { smoke: boolean }, latencyMs: number) {
  const junk = options.smoke ? 600 : 3_000;
  const p = await openPaymentShop({ LOG_LEVEL: 'warn' }, { latencyMs });
  try {
    const budget = p.shop.world.deps.config.payments.rpcCallsPerTick;
    const order = await p.newOrder(1250);
    await Promise.all([p.newOrder(410), p.newOrder(420)]);
    await p.tick();
    p.rpc.flood(p.merchantAccount, junk / 2);
    p.pay(order, USDC(1250));
    p.rpc.flood(p.merchantAccount, junk / 2);
    const before = p.rpc.callCount('getTransaction');
    const ticks: TickFigures[] = [];
    const n = await untilPaid(p, order.id, ticks);
    return {
      junk,
      budget,
      ticksToDetect: n,
      secondsToDetect: ticks.reduce((sum, t) => sum + t.ms, 0) / 1000,
      maxCallsPerTick: Math.max(...ticks.map((t) => t.calls)),
      getTransactionCalls: p.rpc.callCount('getTransaction') - before,
    };
  } finally {
    await p.close();
  }
}

/** 30 orders whose references carry > 10,000 failed transactions, beside 3 honest unpaid ones. */
async function benchFrozen(options: { smoke: boolean }, latencyMs: number) {
  const orders = 30;
  const failedTransactions = options.smoke ? 1_050 : 10_050;
  const p = await openPaymentShop(
    { LOG_LEVEL: 'warn', MAX_OPEN_ORDERS_PER_USER: '100' },
    { latencyMs },
  );
  try {
    const attacked = await p.shop.product({ priceCents: 800, stock: orders });
    const plain = await p.shop.product({ priceCents: 900, stock: 3 });
    const place = (productId: string) =>
      p.shop.order(p.buyer, { items: [{ productId, quantity: 1 }] });
    const frozen = [];
    for (let i = 0; i < orders; i++) frozen.push(await place(attacked.id));
    const honest = [];
    for (let i = 0; i < 3; i++) honest.push(await place(plain.id));
    p.rpc.failedBulk(
      frozen.map((o) => o.payment.reference),
      failedTransactions,
    );
    await p.tick();
    const pagesBefore = p.rpc.callCount('getSignaturesForAddress');
    const open = async (list: typeof frozen) =>
      (await Promise.all(list.map((o) => p.reload(o.id)))).filter((o) => o.status === 'NEW').length;
    const ticks: TickFigures[] = [];
    let honestTicks = -1;
    let frozenTicks = -1;
    await p.later(31 * 60_000, async () => {
      for (let n = 1; n <= 30 && (honestTicks < 0 || frozenTicks < 0); n++) {
        ticks.push(await p.tick());
        if (honestTicks < 0 && (await open(honest)) === 0) honestTicks = n;
        if (frozenTicks < 0 && (await open(frozen)) === 0) frozenTicks = n;
      }
    });
    return {
      orders,
      failedTransactions,
      honestTicks,
      frozenTicks,
      stockReleased: (await p.stockOf(attacked.id)) === orders && (await p.stockOf(plain.id)) === 3,
      maxCallsPerTick: Math.max(...ticks.map((t) => t.calls)),
      // Each tick lists the merchant's account; anything beyond is a reference's history.
      referencePagesRead:
        p.rpc.callCount('getSignaturesForAddress') - pagesBefore - ticks.length * 2,
    };
  } finally {
    await p.close();
  }
}

export function renderPayments(r: PaymentsResult): string {
  const s = r.spam;
  const c = r.scale;
  const f = r.flood;
  const z = r.frozen;
  return `
## Payment worker against an adversarial chain

In process, fake Solana RPC on loopback answering in ${r.latencyMs} ms, real Postgres and Redis;
tick budget ${r.budget} RPC calls (\`PAYMENT_RPC_CALLS_PER_TICK\`), 10 per order.

| scenario | figure |
|---|---|
| reference spam: ${s.orders} orders × ${s.junkPerOrder} junk transactions, ${s.honest} honest orders paid one after another | honest payment seen after at most **${s.maxTicksToDetect} tick(s)**; at most **${s.maxCallsPerTick} RPC calls per tick** (budget ${r.budget}); tick p50 ${s.tickMs.p50.toFixed(0)} ms, max ${s.tickMs.max.toFixed(0)} ms; spam orders expired in the first tick past their window with stock released once: ${s.spamExpiredOnTime ? 'yes' : '**no**'}; getTransaction calls in all: ${s.getTransactionCalls} (junk is never read) |
| ${c.openOrders.toLocaleString('en-US')} open NEW orders, no payments | **${c.quietCallsPerTick} RPC calls per tick** (the merchant's account list, which also gives the slot, and one page of the merchant account's history), tick ${c.quietTickMs.toFixed(0)} ms |
| …then one honest payment among them | seen after **${c.ticksToDetect} tick(s)**, at most ${c.maxCallsPerTick} calls per tick |
| merchant-account flood: ${f.junk.toLocaleString('en-US')} successful junk transactions naming the merchant's token account around one honest payment (default budget ${f.budget}) | seen after **${f.ticksToDetect} tick(s)** (${f.secondsToDetect.toFixed(2)} s of ticking), at most ${f.maxCallsPerTick} calls per tick, ${f.getTransactionCalls} getTransaction calls until then |
| frozen orders: ${z.orders} orders whose references carry ${z.failedTransactions.toLocaleString('en-US')} failed transactions each, beside 3 honest unpaid orders, past their windows | honest orders left NEW after **${z.honestTicks} tick(s)**, attacked ones after **${z.frozenTicks} tick(s)**; stock released: ${z.stockReleased ? 'yes' : '**no**'}; at most ${z.maxCallsPerTick} calls per tick; reference history pages read: ${z.referencePagesRead} |
`;
}
