/**
 * What identifies each public Solana cluster: its genesis hash (what `getGenesisHash` answers) and
 * Circle's USDC mint there. Testnet has no official USDC; localnet is whatever a developer runs.
 */
export const CLUSTERS = {
  mainnet: {
    genesisHash: '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d',
    usdcMint: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
  },
  devnet: {
    genesisHash: 'EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG',
    usdcMint: '4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU',
  },
  testnet: { genesisHash: '4uhcVJyU9pJkvQyS88uRDiswHXSCkY3zQawwpjk2NsNY', usdcMint: null },
  localnet: { genesisHash: null, usdcMint: null },
} as const satisfies Record<string, { genesisHash: string | null; usdcMint: string | null }>;

export type SolanaChain = keyof typeof CLUSTERS;

/** The cluster a genesis hash belongs to, or null for one we do not know (a local validator). */
export function clusterOfGenesis(hash: string): SolanaChain | null {
  for (const [name, c] of Object.entries(CLUSTERS))
    if (c.genesisHash === hash) return name as SolanaChain;
  return null;
}
