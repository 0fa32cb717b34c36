import type { ChildProcess } from 'node:child_process';
import type postgres from 'postgres';
import { trpcClient } from '../test/http';
import { signIn } from '../test/wallet';
import { rssMiB } from './proc';
import { fastWallet } from './sign-in';

export interface SoakSample {
  atSeconds: number;
  /** Resident set and V8 heap in use, both right after a full GC in the server. */
  rssMiB: number;
  heapMiB: number;
}

export interface SoakWindow {
  fromSeconds: number;
  toSeconds: number;
  rssMiB: number;
  heapMiB: number;
}

export interface SoakResult {
  seconds: number;
  sampleSeconds: number;
  samples: SoakSample[];
  /** The samples at a fifth of the run (minute 2 of 10) and at its end (minute 10). */
  baseline: SoakSample;
  final: SoakSample;
  /** Means over minutes 2–6 and 6–10 (the same fractions of a shorter run). */
  early: SoakWindow;
  late: SoakWindow;
  /** Least-squares slopes from the baseline sample on, in MiB per minute. */
  rssSlope: number;
  heapSlope: number;
  grows: boolean;
  requests: { catalog: number; signIns: number; orders: number; errors: number };
}

/**
 * RSS alone swings by a third between major GCs (V8 grows the heap, then compacts), so the
 * server collects garbage before each sample and the comparison is between live sets. Growth of
 * the late window's mean over the early one's past this share, in RSS or heap, is flagged.
 */
const GROWTH_LIMIT = 0.1;

/** Asks the bench server for its memory after a full GC; /proc's RSS if it does not answer. */
function measure(server: ChildProcess): Promise<Omit<SoakSample, 'atSeconds'>> {
  return new Promise((resolve) => {
    const onMessage = (m: { type?: string; rss?: number; heapUsed?: number }) => {
      if (m?.type !== 'memory') return;
      clearTimeout(timer);
      server.off('message', onMessage);
      resolve({
        rssMiB: (m.rss ?? Number.NaN) / 2 ** 20,
        heapMiB: (m.heapUsed ?? Number.NaN) / 2 ** 20,
      });
    };
    const timer = setTimeout(() => {
      server.off('message', onMessage);
      resolve({ rssMiB: rssMiB(server.pid ?? 0), heapMiB: Number.NaN });
    }, 5000);
    server.on('message', onMessage);
    server.send({ type: 'memory' });
  });
}

function slope(samples: SoakSample[], value: (s: SoakSample) => number) {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((s, p) => s + p.atSeconds, 0) / n;
  const my = samples.reduce((s, p) => s + value(p), 0) / n;
  let num = 0;
  let den = 0;
  for (const p of samples) {
    num += (p.atSeconds - mx) * (value(p) - my);
    den += (p.atSeconds - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60;
}

function window(samples: SoakSample[], fromSeconds: number, toSeconds: number): SoakWindow {
  const inside = samples.filter((s) => s.atSeconds >= fromSeconds && s.atSeconds <= toSeconds);
  const mean = (value: (s: SoakSample) => number) =>
    inside.reduce((sum, s) => sum + value(s), 0) / inside.length;
  return { fromSeconds, toSeconds, rssMiB: mean((s) => s.rssMiB), heapMiB: mean((s) => s.heapMiB) };
}

/**
 * A leak check, not a throughput figure: the API under steady mixed load (anonymous catalog reads,
 * sign-ins, orders from signed-in buyers) for `minutes`, its memory sampled every `sampleSeconds`.
 * Warm-up and JIT settle in the first minutes, so the run compares minutes 2–6 with 6–10.
 */
export async function benchSoak(options: {
  db: postgres.Sql;
  baseUrl: string;
  server: ChildProcess;
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
  const started = Date.now();
  const deadline = started + seconds * 1000;
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
  const sample = async () => {
    const at = (Date.now() - started) / 1000;
    samples.push({ atSeconds: at, ...(await measure(options.server)) });
  };
  const sampler = async () => {
    for (let next = options.sampleSeconds; next <= seconds; next += options.sampleSeconds) {
      await new Promise((r) => setTimeout(r, Math.max(0, started + next * 1000 - Date.now())));
      await sample();
    }
  };
  await sample();
  await Promise.all([
    sampler(),
    ...Array.from({ length: 4 }, () => loop(catalogRead, 'catalog')),
    ...Array.from({ length: 2 }, () => loop(() => signIn(anonymous, fastWallet()), 'signIns')),
    ...Array.from({ length: 2 }, (_, w) => loop((n) => placeOrder(n * 2 + w), 'orders')),
  ]);

  const baselineAt = seconds / 5;
  const fromBaseline = samples.filter((s) => s.atSeconds >= baselineAt - options.sampleSeconds / 2);
  const first = samples[0] ?? { atSeconds: 0, rssMiB: Number.NaN, heapMiB: Number.NaN };
  const baseline = fromBaseline[0] ?? first;
  const final = samples[samples.length - 1] ?? baseline;
  const middle = (baseline.atSeconds + final.atSeconds) / 2;
  const early = window(samples, baseline.atSeconds, middle);
  const late = window(samples, middle, final.atSeconds);
  return {
    seconds,
    sampleSeconds: options.sampleSeconds,
    samples,
    baseline,
    final,
    early,
    late,
    rssSlope: slope(fromBaseline, (s) => s.rssMiB),
    heapSlope: slope(fromBaseline, (s) => s.heapMiB),
    grows:
      late.rssMiB > early.rssMiB * (1 + GROWTH_LIMIT) ||
      late.heapMiB > early.heapMiB * (1 + GROWTH_LIMIT),
    requests,
  };
}
