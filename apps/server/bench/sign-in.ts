import { generateKeyPairSync, sign } from 'node:crypto';
import { base58 } from '@scure/base';
import { trpcClient } from '../test/http';
import { signIn, type TestWallet } from '../test/wallet';
import { cpuSeconds } from './proc';
import { profiled } from './profiler';

export interface SignInRound {
  signInsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** The server's CPU time per sign-in: steadier than the rate on a machine others share. */
  serverCpuMs: number;
}

export interface SignInResult {
  wallets: number;
  seconds: number;
  rounds: SignInRound[];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

/**
 * A wallet that signs with Node's crypto: the load generator shares the machine's two cores with
 * the server, so its own signing must cost as little as possible.
 */
export function fastWallet(): TestWallet {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })).slice(12);
  const signMessage = async (message: Uint8Array) =>
    new Uint8Array(sign(null, message, privateKey));
  return {
    address: base58.encode(raw),
    signMessage,
    signText: async (message) =>
      base58.encode(await signMessage(new TextEncoder().encode(message))),
  };
}

/**
 * Sign-ins end to end over HTTP against the running server (real Redis and Postgres): challenge,
 * sign, verify, with several wallets in parallel, for a fixed time per round. Every wallet signs in
 * again and again, so the user row exists after the first (as for returning buyers).
 */
export async function benchSignIn(options: {
  baseUrl: string;
  serverPid: number;
  duration: number;
  smoke: boolean;
}): Promise<SignInResult> {
  const walletCount = options.smoke ? 2 : 10;
  const rounds = options.smoke ? 1 : 2;
  const seconds = options.smoke ? 1 : options.duration;
  const client = trpcClient(options.baseUrl);
  const wallets = Array.from({ length: walletCount }, () => fastWallet());
  await Promise.all(wallets.map((wallet) => signIn(client, wallet))); // warm-up, users created

  const results: SignInRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const latencies: number[] = [];
    const deadline = Date.now() + seconds * 1000;
    const t0 = performance.now();
    const cpu0 = cpuSeconds(options.serverPid);
    await profiled(`sign-in-${round + 1}`, () =>
      Promise.all(
        wallets.map(async (wallet) => {
          while (Date.now() < deadline) {
            const started = performance.now();
            await signIn(client, wallet);
            latencies.push(performance.now() - started);
          }
        }),
      ),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(options.serverPid) - cpu0;
    latencies.sort((a, b) => a - b);
    results.push({
      signInsPerSec: latencies.length / elapsed,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      serverCpuMs: (cpu * 1000) / latencies.length,
    });
  }
  return { wallets: walletCount, seconds, rounds: results };
}
