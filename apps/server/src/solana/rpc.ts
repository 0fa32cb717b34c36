import { findCause } from '@puffy/core';
import { z } from 'zod';

/**
 * The Solana JSON-RPC calls the worker needs, over fetch. Answers are validated like user
 * input (an RPC node is someone else's server) and every call has a deadline.
 */

export class SolanaRpcError extends Error {
  /** The JSON-RPC error code (-32015, -32009, …), or null for transport failures. */
  readonly rpcCode: number | null;

  constructor(message: string, rpcCode: number | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SolanaRpcError';
    this.rpcCode = rpcCode;
  }
}

const Commitment = z.enum(['processed', 'confirmed', 'finalized']);
// Transaction errors are objects or strings ({ InstructionError: [0, …] }, "AccountInUse").
const TxError = z.union([z.record(z.string(), z.unknown()), z.string()]).nullable();

export const SignatureInfo = z.object({
  signature: z.string().min(64).max(88),
  slot: z.number(),
  err: TxError,
  blockTime: z.number().nullable().optional(),
  confirmationStatus: Commitment.nullable().optional(),
});
export type SignatureInfo = z.infer<typeof SignatureInfo>;

const TokenBalance = z.object({
  accountIndex: z.number().int().nonnegative(),
  mint: z.string(),
  owner: z.string().optional(),
  uiTokenAmount: z.object({ amount: z.string().regex(/^\d+$/), decimals: z.number() }),
});
export type TokenBalance = z.infer<typeof TokenBalance>;

const AccountKey = z.union([z.string(), z.object({ pubkey: z.string() })]);

export const ParsedTransaction = z.object({
  slot: z.number(),
  blockTime: z.number().nullable().optional(),
  meta: z
    .object({
      err: TxError,
      preTokenBalances: z.array(TokenBalance).nullable().optional(),
      postTokenBalances: z.array(TokenBalance).nullable().optional(),
      loadedAddresses: z
        .object({ writable: z.array(z.string()), readonly: z.array(z.string()) })
        .nullable()
        .optional(),
    })
    .nullable(),
  transaction: z.object({
    signatures: z.array(z.string()),
    message: z.object({ accountKeys: z.array(AccountKey) }),
  }),
});
export type ParsedTransaction = z.infer<typeof ParsedTransaction>;

export const SignatureStatus = z
  .object({
    slot: z.number(),
    err: TxError,
    confirmationStatus: Commitment.nullable().optional(),
  })
  .nullable();
export type SignatureStatus = z.infer<typeof SignatureStatus>;

const TokenAccount = z.object({
  pubkey: z.string().min(32).max(44),
  account: z.object({
    data: z.object({
      parsed: z.object({
        info: z.object({
          mint: z.string(),
          owner: z.string(),
          tokenAmount: z.object({ amount: z.string().regex(/^\d+$/) }),
        }),
      }),
    }),
  }),
});

/** One token account of an owner for a mint, with its balance in base units. */
export interface OwnedTokenAccount {
  address: string;
  amount: bigint;
}

/** Paging of getSignaturesForAddress, as nodes define it (newest first). */
export interface SignaturePage {
  /** Start below (older than) this signature; absent = from the newest. */
  before?: string | undefined;
  /** Stop when this signature is reached (it is not returned). */
  until?: string | undefined;
  /** 1..1000 (the node's maximum); default 1000. */
  limit?: number | undefined;
}

/**
 * Every call the worker makes, one HTTP request each: the one interface a metrics or budget
 * decorator wraps.
 */
export interface SolanaRpc {
  /** One page of the signatures that mention `address`, newest first (commitment confirmed). */
  getSignaturesForAddress(address: string, page?: SignaturePage): Promise<SignatureInfo[]>;
  /** The transaction (jsonParsed, v0 allowed), or null if the node does not know it (yet). */
  getTransaction(signature: string): Promise<ParsedTransaction | null>;
  /** Statuses in the same order as `signatures`; null = not found. */
  getSignatureStatuses(signatures: string[]): Promise<SignatureStatus[]>;
  /**
   * Every token account of `mint` that `owner` holds (associated or not), with its balance, and
   * the slot the node answered at (commitment confirmed).
   */
  getTokenAccountsByOwner(
    owner: string,
    mint: string,
  ): Promise<{ slot: number; accounts: OwnedTokenAccount[] }>;
  /** The cluster's genesis hash: which chain this node serves. */
  getGenesisHash(): Promise<string>;
  /** The newest slot the cluster has confirmed. */
  getSlot(): Promise<number>;
}

/** The most signatures one getSignaturesForAddress call returns. */
export const SIGNATURE_PAGE_LIMIT = 1000;
/** The most signatures one getSignatureStatuses call accepts. */
export const STATUS_BATCH = 256;

const RpcEnvelope = z.union([
  z.object({ result: z.unknown() }),
  z.object({ error: z.object({ code: z.number(), message: z.string() }) }),
]);

// ECONNRESET: the peer reset the socket; EPIPE: we wrote on one it had closed; UND_ERR_SOCKET:
// undici's "other side closed" when a kept-alive socket ends before the answer.
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** Whether a failed fetch (or anything in its chain of causes) is a connection reset. */
function isConnectionReset(err: unknown): boolean {
  return (
    findCause(err, (e) => {
      const code = (e as { code?: unknown } | null)?.code;
      return typeof code === 'string' && RESET_CODES.has(code);
    }) !== undefined
  );
}

export function createSolanaRpc(
  url: string,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): SolanaRpc {
  const timeoutMs = options.timeoutMs ?? 5000;
  const fetchImpl = options.fetch ?? fetch;
  let nextId = 1;

  async function call<T>(method: string, params: unknown[], schema: z.ZodType<T>): Promise<T> {
    // One deadline for the call, retry included.
    const signal = AbortSignal.timeout(timeoutMs);
    const send = () =>
      fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
        signal,
      });
    let res: Response;
    try {
      // Every call here is a read, so sending it again is safe. A reset is what a node or proxy
      // does to a kept-alive socket it is closing as we reuse it: one more try on a fresh
      // connection, not a loop (a node that keeps resetting is down, and the tick moves on).
      res = await send().catch((err: unknown) => {
        if (!isConnectionReset(err)) throw err;
        return send();
      });
    } catch (err) {
      const timedOut = (err as { name?: string }).name === 'TimeoutError';
      throw new SolanaRpcError(
        timedOut
          ? `${method}: RPC did not answer within ${timeoutMs} ms`
          : `${method}: could not reach the RPC node`,
        null,
        { cause: err },
      );
    }
    if (!res.ok) throw new SolanaRpcError(`${method}: RPC answered HTTP ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      throw new SolanaRpcError(`${method}: RPC sent invalid JSON`, null, { cause: err });
    }
    const envelope = RpcEnvelope.safeParse(body);
    if (!envelope.success) throw new SolanaRpcError(`${method}: malformed JSON-RPC answer`);
    if ('error' in envelope.data) {
      const { code, message } = envelope.data.error;
      throw new SolanaRpcError(`${method}: RPC error ${code}: ${message.slice(0, 200)}`, code);
    }
    const parsed = schema.safeParse(envelope.data.result);
    if (!parsed.success) throw new SolanaRpcError(`${method}: unexpected result shape`);
    return parsed.data;
  }

  return {
    getSignaturesForAddress(address, page = {}) {
      const limit = Math.min(Math.max(page.limit ?? SIGNATURE_PAGE_LIMIT, 1), SIGNATURE_PAGE_LIMIT);
      return call(
        'getSignaturesForAddress',
        [
          address,
          {
            commitment: 'confirmed',
            limit,
            ...(page.before ? { before: page.before } : {}),
            ...(page.until ? { until: page.until } : {}),
          },
        ],
        z.array(SignatureInfo).max(limit),
      );
    },
    getTransaction: (signature) =>
      call(
        'getTransaction',
        [
          signature,
          { encoding: 'jsonParsed', commitment: 'confirmed', maxSupportedTransactionVersion: 0 },
        ],
        ParsedTransaction.nullable(),
      ),
    async getTokenAccountsByOwner(owner, mint) {
      const result = await call(
        'getTokenAccountsByOwner',
        [owner, { mint }, { encoding: 'jsonParsed', commitment: 'confirmed' }],
        z.object({
          context: z.object({ slot: z.number().int().nonnegative() }),
          value: z.array(TokenAccount),
        }),
      );
      // A node answers for the filter it was given; an account of another mint or owner is not ours.
      const accounts = result.value
        .filter((a) => a.account.data.parsed.info.mint === mint)
        .filter((a) => a.account.data.parsed.info.owner === owner)
        .map((a) => ({
          address: a.pubkey,
          amount: BigInt(a.account.data.parsed.info.tokenAmount.amount),
        }));
      return { slot: result.context.slot, accounts };
    },
    getGenesisHash: () => call('getGenesisHash', [], z.string().min(32).max(44)),
    getSlot: () => call('getSlot', [{ commitment: 'confirmed' }], z.number().int().nonnegative()),
    async getSignatureStatuses(signatures) {
      const out: SignatureStatus[] = [];
      for (let i = 0; i < signatures.length; i += STATUS_BATCH) {
        const batch = signatures.slice(i, i + STATUS_BATCH);
        const result = await call(
          'getSignatureStatuses',
          [batch, { searchTransactionHistory: true }],
          z.object({ value: z.array(SignatureStatus).length(batch.length) }),
        );
        out.push(...result.value);
      }
      return out;
    },
  };
}
