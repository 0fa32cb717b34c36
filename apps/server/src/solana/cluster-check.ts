import type { Deps } from '../deps';
import { CLUSTERS, clusterOfGenesis, type SolanaChain } from './clusters';

/** A mint that is not the chain's USDC, unless ALLOW_NON_USDC_MINT says it is meant. */
export function mintProblem(chain: SolanaChain, mint: string, allowOther: boolean): string | null {
  if (allowOther) return null;
  const usdc = CLUSTERS[chain].usdcMint;
  if (usdc === null) {
    return `USDC_MINT: ${chain} has no known USDC mint; set ALLOW_NON_USDC_MINT=true to accept the configured mint`;
  }
  return mint === usdc
    ? null
    : `USDC_MINT is not ${chain}'s USDC; set ALLOW_NON_USDC_MINT=true if another token is meant`;
}

/** The RPC node must serve the cluster SOLANA_CHAIN names (localnet: any cluster but the public ones). */
export function genesisProblem(chain: SolanaChain, genesisHash: string): string | null {
  const served = clusterOfGenesis(genesisHash);
  const expected = CLUSTERS[chain].genesisHash;
  if (expected === null) {
    return served === null ? null : `SOLANA_RPC_URL serves ${served}, but SOLANA_CHAIN is localnet`;
  }
  if (served === chain) return null;
  return `SOLANA_RPC_URL serves ${served ?? 'an unknown cluster'}, but SOLANA_CHAIN is ${chain}`;
}

export class ClusterMismatchError extends Error {
  constructor(problems: string[]) {
    super(`refusing to watch payments: ${problems.join('; ')}`);
    this.name = 'ClusterMismatchError';
  }
}

/**
 * Run by the worker before its first tick: a worker pointed at the wrong cluster would accept
 * worthless devnet tokens as payment (or never see real ones). Throws ClusterMismatchError.
 */
export async function verifyCluster(deps: Pick<Deps, 'config' | 'solana'>): Promise<void> {
  const { siws, solana } = deps.config;
  const genesis = await deps.solana.getGenesisHash();
  const problems = [
    genesisProblem(siws.chain, genesis),
    mintProblem(siws.chain, solana.usdcMint, solana.allowNonUsdcMint),
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) throw new ClusterMismatchError(problems);
}
