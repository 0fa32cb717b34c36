import type postgres from 'postgres';
import { trpcClient } from '../test/http';
import { signIn } from '../test/wallet';
import { rssMiB } from './proc';
import { fastWallet } from './sign-in';

export interface SoakSample {
  atSeconds: number;
  rssMiB: number;
}

export interface SoakWindow {
  fromSeconds: number;
  toSeconds: number;
  /** The lowest RSS in the window: what is left right after a major GC, the live set's footprint. */
  floorMiB: number;
  peakMiB: number;
}

export interface SoakResult {
  seconds: number;
  sampleSeconds: number;
  samples: SoakSample[];
  /** RSS at a fifth of the run (minute 2 of 10) and at its end (minute 10). */
  baseline: SoakSample;
  final: SoakSample;
  /** From minute 2 to 6 and from 6 to 10 (the same fractions of a shorter run). */
  early: SoakWindow;
  late: SoakWindow;
  /** Least-squares slope of RSS from the baseline sample on, in MiB per minute. */
  slopeMiBPerMin: number;
  grows: boolean;
  requests: { catalog: number; signIns: number; orders: number; errors: number };
}

function slope(samples: SoakSample[]) {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((s, p) => s + p.atSeconds, 0) / n;
  const my = samples.reduce((s, p) => s + p.rssMiB, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of samples) {
    num += (p.atSeconds - mx) * (p.rssMiB - my);
    den += (p.atSeconds - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60;
}

/**
 * RSS swings by a third between major GCs (V8 grows the heap, then compacts), so two single
 * samples say little. A leak raises what survives the GCs: the late window's floor is compared with
 * the early one's, and growth past this share is flagged.
 */
const GROWTH_LIMIT = 0.1;

function window(samples: SoakSample[], fromSeconds: number, toSeconds: number): SoakWindow {
  const inside = samples.filter((s) => s.atSeconds >= fromSeconds && s.atSeconds <= toSeconds);
  const rss = inside.map((s) => s.rssMiB);
  return {
    fromSeconds,
    toSeconds,
    floorMiB: rss.length ? Math.min(...rss) : Number.NaN,
    peakMiB: rss.length ? Math.max(...rss) : Number.NaN,
  };
}

/**
 * A leak check, not a throughput figure: the API under steady mixed load (anonymous catalog reads,
 * sign-ins, orders from signed-in buyers) for `minutes`, its RSS sampled every `sampleSeconds`.
 * Warm-up and JIT settle in the first minutes, so the run compares minutes 2–6 with 6–10.
 */
export async function benchSoak(options: {
  db: postgres.Sql;
  baseUrl: string;
  serverPid: number;
  minutes: number;
  sampleSeconds: number;
}): Promise<SoakResult> {
  const { db, baseUrl } = options;
  const seconds = options.minutes * 60;
  const [product] = await db`
    insert into products (slug, name, category, price_cents, stock)
    values ('soak-plenty', 'Soak', 'MERCH', 900, 100000000) returning id`;
  const productId = product?.id as string;
  const anonymous = trpcClient(baseUrl);
  const buyers = await Promise.all(
    Array.from({ length: 10 }, async () => {
      const session = await signIn(anonymous, fastWallet());
      return trpcClient(baseUrl, () => session.token);
    }),
  );
  const listUrl = `${baseUrl}/trpc/product.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 20 } }))}`;
  const requests = { catalog: 0, signIns: 0, orders: 0, errors: 0 };
  const deadline = Date.now() + seconds * 1000;
  const loop = async (work: (n: number) => Promise<unknown>, count: keyof typeof requests) => {
    for (let n = 0; Date.now() < deadline; n++) {
      try {
        await work(n);
        requests[count]++;
      } catch {
        requests.errors++;
      }
    }
  };
  const catalogRead = async () => {
    const res = await fetch(listUrl);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`catalog answered ${res.status}`);
  };
  const placeOrder = (n: number) =>
    buyers[n % buyers.length]?.order.create.mutate({
      items: [{ productId, quantity: 1 }],
      shippingAddress: {
        name: 'Soak Buyer',
        email: 'soak@example.com',
        line1: '1 Load Street',
        city: 'Berlin',
        postalCode: '10115',
        country: 'DE',
      },
    }) ?? Promise.resolve();

  const samples: SoakSample[] = [];
  const started = Date.now();
  const sample = () =>
    samples.push({ atSeconds: (Date.now() - started) / 1000, rssMiB: rssMiB(options.serverPid) });
  sample();
  const sampler = setInterval(sample, options.sampleSeconds * 1000);
  try {
    await Promise.all([
      ...Array.from({ length: 4 }, () => loop(catalogRead, 'catalog')),
      ...Array.from({ length: 2 }, () => loop(() => signIn(anonymous, fastWallet()), 'signIns')),
      ...Array.from({ length: 2 }, (_, w) => loop((n) => placeOrder(n * 2 + w), 'orders')),
    ]);
  } finally {
    clearInterval(sampler);
  }
  sample();

  const baselineAt = seconds / 5;
  const fromBaseline = samples.filter((s) => s.atSeconds >= baselineAt - options.sampleSeconds / 2);
  const baseline = fromBaseline[0] ?? samples[0] ?? { atSeconds: 0, rssMiB: Number.NaN };
  const final = samples[samples.length - 1] ?? baseline;
  const middle = (baselineAt + seconds) / 2;
  const early = window(samples, baseline.atSeconds, middle);
  const late = window(samples, middle, seconds + options.sampleSeconds);
  return {
    seconds,
    sampleSeconds: options.sampleSeconds,
    samples,
    baseline,
    final,
    early,
    late,
    slopeMiBPerMin: slope(fromBaseline),
    grows: late.floorMiB > early.floorMiB * (1 + GROWTH_LIMIT),
    requests,
  };
}
