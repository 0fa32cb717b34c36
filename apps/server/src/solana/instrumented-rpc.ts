import type { Metrics } from '../deps';
import type { SignaturePage, SolanaRpc } from './rpc';

/**
 * The same RPC client, reporting each call's method, outcome and duration. A decorator rather
 * than code inside rpc.ts, so the client stays about talking to the node.
 */
export function instrumentSolanaRpc(rpc: SolanaRpc, metrics: Metrics): SolanaRpc {
  const timed =
    <A extends unknown[], R>(method: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        const result = await call(...args);
        metrics.rpcCall(method, 'ok', (performance.now() - started) / 1000);
        return result;
      } catch (err) {
        metrics.rpcCall(method, 'error', (performance.now() - started) / 1000);
        throw err;
      }
    };
  return {
    getSignaturesForAddress: timed(
      'getSignaturesForAddress',
      (address: string, page?: SignaturePage) => rpc.getSignaturesForAddress(address, page),
    ),
    getTransaction: timed('getTransaction', (signature: string) => rpc.getTransaction(signature)),
    getSignatureStatuses: timed('getSignatureStatuses', (signatures: string[]) =>
      rpc.getSignatureStatuses(signatures),
    ),
    getTokenAccountsByOwner: timed('getTokenAccountsByOwner', (owner: string, mint: string) =>
      rpc.getTokenAccountsByOwner(owner, mint),
    ),
    getGenesisHash: timed('getGenesisHash', () => rpc.getGenesisHash()),
    getSlot: timed('getSlot', () => rpc.getSlot()),
  };
}
