import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { ClusterMismatchError, verifyCluster } from '../src/solana/cluster-check';
import { CLUSTERS } from '../src/solana/clusters';
import { createSolanaRpc } from '../src/solana/rpc';
import { usesRealPostgres } from './backends';
import { startFakeSolanaRpc } from './fake-solana';
import { spawnServer } from './spawn-server';
import { createTestDatabase } from './world';

/** Finding 5: a worker never watches a cluster other than SOLANA_CHAIN's. */
describe('the worker checks the cluster it is pointed at', () => {
  const rpcs: Array<Awaited<ReturnType<typeof startFakeSolanaRpc>>> = [];
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'puffy-cluster-'));
  });
  afterAll(async () => {
    await Promise.all(rpcs.map((r) => r.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  /** What the worker checks at start: its settings and the RPC node (the fake, over HTTP). */
  async function worldOn(genesisHash: string, env: Record<string, string>) {
    const rpc = await startFakeSolanaRpc({ genesisHash });
    rpcs.push(rpc);
    const config = loadConfig({ SOLANA_RPC_URL: rpc.url, ...env });
    return { deps: { config, solana: createSolanaRpc(rpc.url) } };
  }

  it('accepts the chain SOLANA_CHAIN names, refuses another one, naming both', async () => {
    const devnet = await worldOn(CLUSTERS.devnet.genesisHash, { SOLANA_CHAIN: 'devnet' });
    await expect(verifyCluster(devnet.deps)).resolves.toBeUndefined();

    const wrong = await worldOn(CLUSTERS.devnet.genesisHash, {
      SOLANA_CHAIN: 'mainnet',
      USDC_MINT: CLUSTERS.mainnet.usdcMint,
    });
    const err = await verifyCluster(wrong.deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterMismatchError);
    expect((err as Error).message).toContain('serves devnet, but SOLANA_CHAIN is mainnet');

    const local = await worldOn(CLUSTERS.mainnet.genesisHash, {
      SOLANA_CHAIN: 'localnet',
      USDC_MINT: CLUSTERS.devnet.usdcMint,
      ALLOW_NON_USDC_MINT: 'true',
    });
    await expect(verifyCluster(local.deps)).rejects.toThrow('serves mainnet');
  });

  it('a worker process pointed at the wrong cluster refuses to start', async () => {
    const rpc = await startFakeSolanaRpc({ genesisHash: CLUSTERS.mainnet.genesisHash });
    rpcs.push(rpc);
    // Real Postgres when there is one: a fresh PGlite costs the child process many seconds of
    // CPU before it gets to the check, which a busy machine stretches past any timeout.
    const database = usesRealPostgres ? await createTestDatabase() : undefined;
    const run = spawnServer(['--role', 'worker'], {
      NODE_ENV: 'development',
      ...(database?.url ? { DATABASE_URL: database.url } : { PGLITE_DIR: dataDir }),
      SOLANA_RPC_URL: rpc.url,
      SOLANA_CHAIN: 'devnet',
      LOG_LEVEL: 'info',
    });
    try {
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain('serves mainnet, but SOLANA_CHAIN is devnet');
      expect(rpc.callCount('getSignaturesForAddress')).toBe(0); // it never watched anything
    } finally {
      run.child.kill('SIGKILL');
      await run.exited;
      await database?.drop();
    }
  }, 120_000);
});
