import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { base58 } from '@scure/base';

/**
 * A Solana JSON-RPC node on loopback: a small ledger of token accounts and transactions, and a
 * server that answers the calls the payment worker makes with the shapes a real node sends —
 * newest-first signature lists paged with `before` / `until` / `limit` (at most 1000), jsonParsed
 * v0 transactions whose `meta.preTokenBalances` / `postTokenBalances` carry `uiTokenAmount.amount`
 * strings, `err` objects for failed transactions, `confirmationStatus` per signature,
 * getTokenAccountsByOwner (mint filter, jsonParsed), getTokenAccountBalance, getSignatureStatuses,
 * getSlot and getGenesisHash. A transaction is listed under every account it names, as a real node
 * lists every account a transaction touches.
 *
 * The storefront's dev payment simulator runs it; the payment tests drive it through their own
 * scripting (test/fake-solana.ts). No test framework is imported here.
 */

export const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const SYSTEM_PROGRAM = '11111111111111111111111111111111';
/** Devnet's genesis hash: what the fake answers unless told otherwise. */
export const DEVNET_GENESIS_HASH = 'EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG';
const MAX_PAGE = 1000;
const DECIMALS = 6;
const FAILED_ERR = { InstructionError: [0, { Custom: 1 }] };

export const randomAddress = () => base58.encode(randomBytes(32));
const randomSignature = () => base58.encode(randomBytes(64));

export type Confirmation = 'processed' | 'confirmed' | 'finalized';

/** A change of one token account's balance made by a transaction. */
export interface TokenMove {
  account: string;
  owner: string;
  mint: string;
  /** Base units; negative for money leaving the account. */
  delta: bigint;
}

/** A transaction put on the fake chain. */
export interface FakeTransaction {
  /** Accounts the transaction names besides its fee payer (references, token accounts, …). */
  keys: string[];
  /** Accounts loaded from an address lookup table (named after the static keys). */
  lookupKeys?: string[];
  moves?: TokenMove[];
  /** A failed transaction: balances do not move and `err` is set. */
  failed?: boolean;
  /** Overrides the pre-balance the first move's account shows (default: the ledger's). */
  preBalance?: bigint;
  /** Balances without `owner` (as some nodes send for lookup-table accounts). */
  omitOwner?: boolean;
  confirmationStatus?: Confirmation;
  /** Listed by getSignaturesForAddress, but getTransaction answers null (a lagging node). */
  unreadable?: boolean;
}

interface Balance {
  account: string;
  owner: string;
  mint: string;
  pre: bigint | undefined;
  post: bigint;
}

interface StoredTx {
  signature: string;
  slot: number;
  blockTime: number;
  spec: FakeTransaction;
  payer: string;
  balances: Balance[];
  /** null = the cluster forgot it (dropped before finality). */
  status: Confirmation | null;
}

interface TokenAccount {
  owner: string;
  mint: string;
  amount: bigint;
}

export type Failure =
  | { kind: 'error'; code: number; message: string }
  | { kind: 'hang' }
  | { kind: 'http'; status: number };

export interface FakeSolanaOptions {
  /** What getGenesisHash answers (default: devnet's). */
  genesisHash?: string;
  /** Added to every answer, like a distant node. */
  latencyMs?: number;
  /** Where the blockTime of new transactions comes from (default: the wall clock). */
  now?: () => Date;
}

const PROGRAMS = new Set([TOKEN_PROGRAM, SYSTEM_PROGRAM]);

export async function startFakeSolanaNode(options: FakeSolanaOptions = {}) {
  const txs = new Map<string, StoredTx>();
  const byAddress = new Map<string, string[]>();
  const accounts = new Map<string, TokenAccount>();
  let slot = 250_000_000;
  let failure: Failure | undefined;
  let genesisHash = options.genesisHash ?? DEVNET_GENESIS_HASH;
  const latencyMs = options.latencyMs ?? 0;
  const now = options.now ?? (() => new Date());
  const calls: string[] = [];
  /** Signature → how many more getTransaction / getSignatureStatuses answers are null. */
  const lagTx = new Map<string, number>();
  const lagStatuses = new Map<string, number>();
  const lagging = (lag: Map<string, number>, signature: string) => {
    const left = lag.get(signature) ?? 0;
    if (left <= 0) return false;
    lag.set(signature, left - 1);
    return true;
  };

  const index = (address: string, signature: string) => {
    const list = byAddress.get(address) ?? [];
    list.push(signature);
    byAddress.set(address, list);
  };

  function transactionJson(t: StoredTx) {
    const { spec } = t;
    const staticKeys = [t.payer, ...spec.keys];
    const lookupKeys = spec.lookupKeys ?? [];
    const all = [...staticKeys, ...lookupKeys];
    const balance = (b: Balance, amount: bigint) => ({
      accountIndex: all.indexOf(b.account),
      mint: b.mint,
      ...(spec.omitOwner ? {} : { owner: b.owner }),
      programId: TOKEN_PROGRAM,
      uiTokenAmount: {
        amount: amount.toString(),
        decimals: DECIMALS,
        uiAmount: Number(amount) / 10 ** DECIMALS,
        uiAmountString: (Number(amount) / 10 ** DECIMALS).toString(),
      },
    });
    const err = spec.failed ? FAILED_ERR : null;
    return {
      slot: t.slot,
      blockTime: t.blockTime,
      version: 0,
      meta: {
        err,
        status: spec.failed ? { Err: FAILED_ERR } : { Ok: null },
        fee: 5000,
        preBalances: staticKeys.map(() => 1_000_000),
        postBalances: staticKeys.map(() => 1_000_000),
        preTokenBalances: t.balances.flatMap((b) =>
          b.pre === undefined ? [] : [balance(b, b.pre)],
        ),
        postTokenBalances: t.balances.flatMap((b) =>
          spec.failed && b.pre === undefined
            ? []
            : [balance(b, spec.failed ? (b.pre ?? 0n) : b.post)],
        ),
        innerInstructions: [],
        logMessages: [`Program ${spec.moves?.length ? TOKEN_PROGRAM : SYSTEM_PROGRAM} invoke [1]`],
        loadedAddresses: { writable: lookupKeys, readonly: [] },
        computeUnitsConsumed: spec.moves?.length ? 6200 : 150,
      },
      transaction: {
        signatures: [t.signature],
        message: {
          accountKeys: [
            ...staticKeys.map((pubkey, i) => ({
              pubkey,
              signer: i === 0,
              writable: i === 0 || t.balances.some((b) => b.account === pubkey),
              source: 'transaction',
            })),
            ...lookupKeys.map((pubkey) => ({
              pubkey,
              signer: false,
              writable: true,
              source: 'lookupTable',
            })),
          ],
          recentBlockhash: randomAddress(),
          instructions: [],
          addressTableLookups:
            lookupKeys.length > 0
              ? [
                  {
                    accountKey: randomAddress(),
                    writableIndexes: lookupKeys.map((_, i) => i),
                    readonlyIndexes: [],
                  },
                ]
              : [],
        },
      },
    };
  }

  function tokenAccountJson(address: string, a: TokenAccount) {
    return {
      pubkey: address,
      account: {
        data: {
          parsed: {
            info: {
              isNative: false,
              mint: a.mint,
              owner: a.owner,
              state: 'initialized',
              tokenAmount: {
                amount: a.amount.toString(),
                decimals: DECIMALS,
                uiAmount: Number(a.amount) / 10 ** DECIMALS,
                uiAmountString: (Number(a.amount) / 10 ** DECIMALS).toString(),
              },
            },
            type: 'account',
          },
          program: 'spl-token',
          space: 165,
        },
        executable: false,
        lamports: 2_039_280,
        owner: TOKEN_PROGRAM,
        rentEpoch: 0,
        space: 165,
      },
    };
  }

  function answer(method: string, params: unknown[]): unknown {
    switch (method) {
      case 'getSignaturesForAddress': {
        const [address, opts] = params as [
          string,
          { limit?: number; before?: string; until?: string } | undefined,
        ];
        const limit = opts?.limit ?? MAX_PAGE;
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
          throw Object.assign(new Error('Invalid limit; max 1000'), { rpcCode: -32602 });
        }
        // Newest first; the cluster's forgotten transactions are not listed.
        let list = [...(byAddress.get(address) ?? [])]
          .reverse()
          .filter((sig) => txs.get(sig)?.status !== null);
        if (opts?.before) {
          const at = list.indexOf(opts.before);
          list = at < 0 ? [] : list.slice(at + 1);
        }
        if (opts?.until) {
          const at = list.indexOf(opts.until);
          if (at >= 0) list = list.slice(0, at);
        }
        return list
          .slice(0, limit)
          .map((sig) => txs.get(sig))
          .filter((t): t is StoredTx => t !== undefined)
          .map((t) => ({
            signature: t.signature,
            slot: t.slot,
            err: t.spec.failed ? FAILED_ERR : null,
            memo: null,
            blockTime: t.blockTime,
            confirmationStatus: t.status,
          }));
      }
      case 'getTransaction': {
        const [signature] = params as [string];
        const t = txs.get(signature);
        if (!t || t.status === null || t.spec.unreadable || lagging(lagTx, signature)) return null;
        return transactionJson(t);
      }
      case 'getTokenAccountsByOwner': {
        const [owner, filter] = params as [string, { mint?: string; programId?: string }];
        if (!filter?.mint && !filter?.programId) {
          throw Object.assign(new Error('Invalid params: missing mint or programId filter'), {
            rpcCode: -32602,
          });
        }
        const value = [...accounts.entries()]
          .filter(([, a]) => a.owner === owner && (!filter.mint || a.mint === filter.mint))
          .map(([address, a]) => tokenAccountJson(address, a));
        return { context: { apiVersion: '2.2.0', slot }, value };
      }
      case 'getTokenAccountBalance': {
        const [address] = params as [string];
        const a = accounts.get(address);
        if (!a)
          throw Object.assign(new Error('Invalid param: could not find account'), {
            rpcCode: -32602,
          });
        return {
          context: { apiVersion: '2.2.0', slot },
          value: {
            amount: a.amount.toString(),
            decimals: DECIMALS,
            uiAmount: Number(a.amount) / 10 ** DECIMALS,
            uiAmountString: (Number(a.amount) / 10 ** DECIMALS).toString(),
          },
        };
      }
      case 'getGenesisHash':
        return genesisHash;
      case 'getSlot':
        return slot;
      case 'getSignatureStatuses': {
        const [signatures] = params as [string[]];
        return {
          context: { apiVersion: '2.2.0', slot },
          value: signatures.map((sig) => {
            const t = txs.get(sig);
            if (!t || t.status === null || lagging(lagStatuses, sig)) return null;
            return {
              slot: t.slot,
              confirmations: t.status === 'finalized' ? null : 10,
              err: t.spec.failed ? FAILED_ERR : null,
              status: t.spec.failed ? { Err: {} } : { Ok: null },
              confirmationStatus: t.status,
            };
          }),
        };
      }
      default:
        throw Object.assign(new Error('Method not found'), { rpcCode: -32601 });
    }
  }

  function reply(request: { id: number; method: string; params: unknown[] }) {
    calls.push(request.method);
    try {
      return { jsonrpc: '2.0', id: request.id, result: answer(request.method, request.params) };
    } catch (err) {
      const code = (err as { rpcCode?: number }).rpcCode ?? -32603;
      return { jsonrpc: '2.0', id: request.id, error: { code, message: (err as Error).message } };
    }
  }

  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const request = JSON.parse(body) as
      | { id: number; method: string; params: unknown[] }
      | Array<{ id: number; method: string; params: unknown[] }>;
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const send = (payload: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    if (failure) for (const r of [request].flat()) calls.push(r.method);
    if (failure?.kind === 'hang') return; // never answers
    if (failure?.kind === 'http') return res.writeHead(failure.status).end('upstream error');
    if (failure?.kind === 'error') {
      const { code, message } = failure;
      const err = (id: number) => ({ jsonrpc: '2.0', id, error: { code, message } });
      return send(Array.isArray(request) ? request.map((r) => err(r.id)) : err(request.id));
    }
    // A batch (an array of requests) is answered with an array, as real nodes do.
    send(Array.isArray(request) ? request.map(reply) : reply(request));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');

  /** Puts a transaction on the ledger (moving its token balances unless it failed). */
  function submit(spec: FakeTransaction): string {
    slot += 3;
    const signature = randomSignature();
    const balances: Balance[] = (spec.moves ?? []).map((m, i) => {
      const existing = accounts.get(m.account);
      const pre = i === 0 && spec.preBalance !== undefined ? spec.preBalance : existing?.amount;
      return { account: m.account, owner: m.owner, mint: m.mint, pre, post: (pre ?? 0n) + m.delta };
    });
    if (!spec.failed) {
      for (const m of spec.moves ?? []) {
        const a = accounts.get(m.account) ?? { owner: m.owner, mint: m.mint, amount: 0n };
        a.amount += m.delta;
        accounts.set(m.account, a);
      }
    }
    txs.set(signature, {
      signature,
      slot,
      blockTime: Math.floor(now().getTime() / 1000),
      spec,
      payer: randomAddress(),
      balances,
      status: spec.confirmationStatus ?? 'confirmed',
    });
    const named = new Set([...spec.keys, ...(spec.lookupKeys ?? [])]);
    for (const a of named) if (!PROGRAMS.has(a)) index(a, signature);
    return signature;
  }

  return {
    url: `http://127.0.0.1:${address.port}`,
    calls,
    /** How many calls of `method` (or of every method) the node has answered or refused. */
    callCount: (method?: string) =>
      method === undefined ? calls.length : calls.filter((m) => m === method).length,
    submit,
    /** Opens an empty token account (as `createAccount` + `initializeAccount` would). */
    openTokenAccount(owner: string, mint: string, address = randomAddress()): string {
      if (!accounts.has(address)) accounts.set(address, { owner, mint, amount: 0n });
      return address;
    },
    balanceOf: (account: string) => accounts.get(account)?.amount,
    /** The next `times` getTransaction answers for `signature` are null (a lagging node). */
    lagTransaction(signature: string, times: number) {
      lagTx.set(signature, times);
    },
    /** The next `times` getSignatureStatuses answers for `signature` are null (a lagging node). */
    lagStatus(signature: string, times: number) {
      lagStatuses.set(signature, times);
    },
    setGenesisHash(hash: string) {
      genesisHash = hash;
    },
    /** Makes a transaction readable (or not) by getTransaction. */
    setReadable(signature: string, readable: boolean) {
      const t = txs.get(signature);
      if (t) t.spec.unreadable = !readable;
    },
    /** Moves a transaction to `finalized`, or makes the cluster forget it (`null`). */
    setStatus(signature: string, status: Confirmation | null) {
      const t = txs.get(signature);
      if (t) t.status = status;
    },
    /** Every following call fails this way until `recover()`. */
    fail(how: Failure) {
      failure = how;
    },
    recover() {
      failure = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export type FakeSolanaNode = Awaited<ReturnType<typeof startFakeSolanaNode>>;
