import { randomAddress } from '../../test/fake-solana';
import type { Chain } from './chain';
import type { Cluster } from './cluster';
import type { ThrowawayRedis } from './redis';

export const FAULT_KINDS = [
  'kill -9 api',
  'kill -9 worker',
  'SIGTERM rolling restart',
  'SIGTERM while starting',
  'postgres connections killed',
  'redis stopped 5 s',
  'rpc failing 10 s',
  'rpc lagging',
  'transaction dropped',
  'reference spam',
  'junk on merchant account',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)] as T;

export interface FaultContext {
  cluster: Cluster;
  chain: Chain;
  redis: ThrowawayRedis;
  /** Ends every connection the application holds to the soak's database. */
  terminateConnections: () => Promise<number>;
  references: () => readonly string[];
  merchantTokenAccount: string;
}

/** Injects one fault and returns once the system has been given back what it lost. */
export async function inject(kind: FaultKind, ctx: FaultContext): Promise<void> {
  switch (kind) {
    case 'kill -9 api':
      return ctx.cluster.kill9(pick(ctx.cluster.apis));
    case 'kill -9 worker':
      return ctx.cluster.kill9(pick(ctx.cluster.workers));
    case 'SIGTERM rolling restart':
      for (const it of [...ctx.cluster.apis, ...ctx.cluster.workers]) await ctx.cluster.restart(it);
      return;
    case 'SIGTERM while starting':
      return ctx.cluster.stopWhileStarting(pick([...ctx.cluster.apis, ...ctx.cluster.workers]));
    case 'postgres connections killed':
      await ctx.terminateConnections();
      return;
    case 'redis stopped 5 s':
      await ctx.redis.stop();
      await sleep(5000);
      await ctx.redis.start();
      return;
    case 'rpc failing 10 s':
      ctx.chain.rpc.fail(
        Math.random() < 0.5
          ? { kind: 'http', status: 503 }
          : { kind: 'error', code: -32005, message: 'Node is behind' },
      );
      await sleep(10_000);
      ctx.chain.rpc.recover();
      return;
    case 'rpc lagging':
      ctx.chain.lagFor(10_000);
      await sleep(10_000);
      return;
    case 'transaction dropped':
      ctx.chain.dropOne();
      return;
    case 'reference spam': {
      const references = ctx.references();
      for (let i = 0; i < 5 && references.length > 0; i++) {
        ctx.chain.rpc.junk(pick(references), 20);
        ctx.chain.rpc.junk(pick(references), 5, { failed: true });
      }
      return;
    }
    case 'junk on merchant account':
      ctx.chain.rpc.junk(randomAddress(), 60, { alsoListedUnder: [ctx.merchantTokenAccount] });
      ctx.chain.rpc.junk(randomAddress(), 10, {
        failed: true,
        alsoListedUnder: [ctx.merchantTokenAccount],
      });
      return;
  }
}

/**
 * The schedule: the kinds in a shuffled round, again and again, one fault every `gapMs`, so each
 * kind recurs several times in a run of a few minutes. Counts what it injected.
 */
export async function runFaults(options: {
  ctx: FaultContext;
  gapMs: number;
  running: () => boolean;
  injected: Map<FaultKind, number>;
  onError: (kind: FaultKind, err: unknown) => void;
}) {
  while (options.running()) {
    const round = [...FAULT_KINDS].sort(() => Math.random() - 0.5);
    for (const kind of round) {
      await sleep(options.gapMs);
      if (!options.running()) return;
      try {
        await inject(kind, options.ctx);
        options.injected.set(kind, (options.injected.get(kind) ?? 0) + 1);
      } catch (err) {
        options.onError(kind, err);
      }
    }
  }
}
