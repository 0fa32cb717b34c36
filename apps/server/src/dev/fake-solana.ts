import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { base58 } from '@scure/base';
import { associatedTokenAddress } from '../solana/ata';

/**
 * A Solana JSON-RPC node on loopback that answers the calls the worker makes with the shapes a
 * real node sends: newest-first signature lists paged with `before` / `until` / `limit` (at most
 * 1000), jsonParsed v0 transactions whose `meta.preTokenBalances` / `postTokenBalances` carry
 * `uiTokenAmount.amount` strings, `err` objects for failed transactions, `confirmationStatus` per
 * signature, `getSlot` and `getGenesisHash`. A transfer is listed under its reference and under the
 * recipient's token account, as a real node lists every account a transaction touches.
 *
 * Tests script it (junk, lagging answers, drops, outages); the storefront's dev payment simulator
 * runs it too: `pay({ reference, recipient, mint, amount })` settles a Solana Pay request the way a
 * wallet would (amount in base units; USDC has 6 decimals). No test framework is imported here.
 */

const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
const SYSTEM_PROGRAM = '11111111111111111111111111111111';
/** Devnet's genesis hash: what the fake answers unless told otherwise. */
export const DEVNET_GENESIS_HASH = 'EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG';
const MAX_PAGE = 1000;

export const randomAddress = () => base58.encode(randomBytes(32));
const randomSignature = () => base58.encode(randomBytes(64));

export interface TransferSpec {
  reference: string;
  /** The wallet that owns the receiving token account (the merchant). */
  recipient: string;
  mint: string;
  /** Raw base units received. */
  amount: bigint;
  /** The recipient's token balance before; undefined = the account was created by this transfer. */
  preBalance?: bigint;
  /** A failed transaction: balances do not move and `err` is set. */
  failed?: boolean;
  /** Put the recipient's token account in an address lookup table, and omit `owner`. */
  viaLookupTable?: boolean;
  confirmationStatus?: 'processed' | 'confirmed' | 'finalized';
  /** Listed by getSignaturesForAddress, but getTransaction answers null (a lagging node). */
  unreadable?: boolean;
}

/** A Solana Pay request as a wallet reads it; `amount` in base units. */
export interface PaymentRequest {
  reference: string;
  recipient: string;
  mint: string;
  amount: bigint;
}

interface StoredTx {
  signature: string;
  slot: number;
  blockTime: number;
  spec: TransferSpec;
  /** A transaction that only lists the reference (a 0-lamport self-transfer): moves no tokens. */
  junk: boolean;
  recipientTokenAccount: string;
  /** null = the cluster forgot it (dropped before finality). */
  status: 'processed' | 'confirmed' | 'finalized' | null;
}

type Failure =
  | { kind: 'error'; code: number; message: string }
  | { kind: 'hang' }
  | { kind: 'http'; status: number };

export interface FakeSolanaOptions {
  /** What getGenesisHash answers (default: devnet's). */
  genesisHash?: string;
  /** Added to every answer, like a distant node. */
  latencyMs?: number;
}

export async function startFakeSolanaRpc(options: FakeSolanaOptions = {}) {
  const txs = new Map<string, StoredTx>();
  const byAddress = new Map<string, string[]>();
  let slot = 250_000_000;
  let failure: Failure | undefined;
  let genesisHash = options.genesisHash ?? DEVNET_GENESIS_HASH;
  const latencyMs = options.latencyMs ?? 0;
  const calls: string[] = [];
  /** Signature → how many more getTransaction / getSignatureStatuses answers are null. */
  const lagTx = new Map<string, number>();
  const lagStatus = new Map<string, number>();
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

  function junkJson(t: StoredTx) {
    const payer = randomAddress();
    const keys = [payer, t.spec.reference, SYSTEM_PROGRAM];
    return {
      slot: t.slot,
      blockTime: t.blockTime,
      version: 0,
      meta: {
        err: t.spec.failed ? { InstructionError: [0, { Custom: 1 }] } : null,
        status: t.spec.failed ? { Err: { InstructionError: [0, { Custom: 1 }] } } : { Ok: null },
        fee: 5000,
        preBalances: keys.map(() => 1_000_000),
        postBalances: keys.map(() => 1_000_000),
        preTokenBalances: [],
        postTokenBalances: [],
        innerInstructions: [],
        logMessages: ['Program 11111111111111111111111111111111 invoke [1]'],
        loadedAddresses: { writable: [], readonly: [] },
        computeUnitsConsumed: 150,
      },
      transaction: {
        signatures: [t.signature],
        message: {
          accountKeys: keys.map((pubkey, i) => ({
            pubkey,
            signer: i === 0,
            writable: i === 0,
            source: 'transaction',
          })),
          recentBlockhash: randomAddress(),
          instructions: [],
          addressTableLookups: [],
        },
      },
    };
  }

  function transactionJson(t: StoredTx) {
    if (t.junk) return junkJson(t);
    const { spec } = t;
    const payer = randomAddress();
    const sourceTokenAccount = randomAddress();
    const staticKeys = [payer, sourceTokenAccount, spec.reference, TOKEN_PROGRAM];
    const lookupKeys: string[] = [];
    let recipientIndex: number;
    if (spec.viaLookupTable) {
      lookupKeys.push(t.recipientTokenAccount);
      recipientIndex = staticKeys.length; // first loaded (writable) key comes after static keys
    } else {
      staticKeys.splice(2, 0, t.recipientTokenAccount);
      recipientIndex = 2;
    }
    const decimals = 6;
    const balance = (amount: bigint, withOwner: boolean) => ({
      accountIndex: recipientIndex,
      mint: spec.mint,
      ...(withOwner ? { owner: spec.recipient } : {}),
      programId: TOKEN_PROGRAM,
      uiTokenAmount: {
        amount: amount.toString(),
        decimals,
        uiAmount: Number(amount) / 10 ** decimals,
        uiAmountString: (Number(amount) / 10 ** decimals).toString(),
      },
    });
    const pre = spec.preBalance;
    const post = spec.failed ? (pre ?? 0n) : (pre ?? 0n) + spec.amount;
    const withOwner = !spec.viaLookupTable;
    const accountKeys = [
      ...staticKeys.map((pubkey, i) => ({
        pubkey,
        signer: i === 0,
        writable: i < 3,
        source: 'transaction',
      })),
      ...lookupKeys.map((pubkey) => ({
        pubkey,
        signer: false,
        writable: true,
        source: 'lookupTable',
      })),
    ];
    return {
      slot: t.slot,
      blockTime: t.blockTime,
      version: 0,
      meta: {
        err: spec.failed ? { InstructionError: [0, { Custom: 1 }] } : null,
        status: spec.failed ? { Err: { InstructionError: [0, { Custom: 1 }] } } : { Ok: null },
        fee: 5000,
        preBalances: staticKeys.map(() => 1_000_000),
        postBalances: staticKeys.map(() => 1_000_000),
        preTokenBalances: pre === undefined ? [] : [balance(pre, withOwner)],
        postTokenBalances: spec.failed && pre === undefined ? [] : [balance(post, withOwner)],
        innerInstructions: [],
        logMessages: ['Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA invoke [1]'],
        loadedAddresses: { writable: lookupKeys, readonly: [] },
        computeUnitsConsumed: 6200,
      },
      transaction: {
        signatures: [t.signature],
        message: {
          accountKeys,
          recentBlockhash: randomAddress(),
          instructions: [],
          addressTableLookups: spec.viaLookupTable
            ? [{ accountKey: randomAddress(), writableIndexes: [0], readonlyIndexes: [] }]
            : [],
        },
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
            err: t.spec.failed ? { InstructionError: [0, { Custom: 1 }] } : null,
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
            if (!t || t.status === null || lagging(lagStatus, sig)) return null;
            return {
              slot: t.slot,
              confirmations: t.status === 'finalized' ? null : 10,
              err: t.spec.failed ? { InstructionError: [0, { Custom: 1 }] } : null,
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

  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const request = JSON.parse(body) as { id: number; method: string; params: unknown[] };
    calls.push(request.method);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const send = (payload: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    if (failure?.kind === 'hang') return; // never answers
    if (failure?.kind === 'http') return res.writeHead(failure.status).end('upstream error');
    if (failure?.kind === 'error') {
      return send({
        jsonrpc: '2.0',
        id: request.id,
        error: { code: failure.code, message: failure.message },
      });
    }
    try {
      send({ jsonrpc: '2.0', id: request.id, result: answer(request.method, request.params) });
    } catch (err) {
      const code = (err as { rpcCode?: number }).rpcCode ?? -32603;
      send({ jsonrpc: '2.0', id: request.id, error: { code, message: (err as Error).message } });
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');

  const put = (spec: TransferSpec, junk: boolean, alsoListedUnder: string[]) => {
    slot += 3;
    const signature = randomSignature();
    const recipientTokenAccount = associatedTokenAddress(spec.recipient, spec.mint);
    txs.set(signature, {
      signature,
      slot,
      blockTime: Math.floor(Date.now() / 1000),
      spec,
      junk,
      recipientTokenAccount,
      status: spec.confirmationStatus ?? 'confirmed',
    });
    index(spec.reference, signature);
    if (!junk) index(recipientTokenAccount, signature);
    for (const a of alsoListedUnder) index(a, signature);
    return signature;
  };

  const transfer = (spec: TransferSpec): string => put(spec, false, []);

  return {
    url: `http://127.0.0.1:${address.port}`,
    calls,
    /** How many calls of `method` (or of every method) the node has answered or refused. */
    callCount: (method?: string) =>
      method === undefined ? calls.length : calls.filter((m) => m === method).length,
    /**
     * Puts a transfer on the fake chain, listed under its reference and the recipient's token
     * account; returns its signature.
     */
    transfer,
    /** What a wallet does with a Solana Pay request: one confirmed transfer of `amount`. */
    pay: (request: PaymentRequest, extra: Partial<TransferSpec> = {}): string =>
      transfer({ ...request, ...extra }),
    /**
     * `count` cheap successful transactions that list `reference` and move no tokens (what anyone
     * can attach to a public reference), or failed ones; `alsoListedUnder` adds other accounts they
     * mention (e.g. the merchant's token account). Returns their signatures.
     */
    junk(
      reference: string,
      count: number,
      options: { failed?: boolean; alsoListedUnder?: string[] } = {},
    ): string[] {
      const spec: TransferSpec = {
        reference,
        recipient: randomAddress(),
        mint: randomAddress(),
        amount: 0n,
        ...(options.failed ? { failed: true } : {}),
      };
      return Array.from({ length: count }, () => put(spec, true, options.alsoListedUnder ?? []));
    },
    /** The next `times` getTransaction answers for `signature` are null (a lagging node). */
    lagTransaction(signature: string, times: number) {
      lagTx.set(signature, times);
    },
    /** The next `times` getSignatureStatuses answers for `signature` are null (a lagging node). */
    lagStatus(signature: string, times: number) {
      lagStatus.set(signature, times);
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
    setStatus(signature: string, status: StoredTx['status']) {
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

export type FakeSolanaRpc = Awaited<ReturnType<typeof startFakeSolanaRpc>>;
