import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { base58 } from '@scure/base';
import { associatedTokenAddress } from '../solana/ata';

/**
 * A Solana JSON-RPC node on loopback that answers the three calls the worker makes with the shapes
 * a real node sends: newest-first signature lists, jsonParsed v0 transactions whose
 * `meta.preTokenBalances` / `postTokenBalances` carry `uiTokenAmount.amount` strings, `err`
 * objects for failed transactions, and `confirmationStatus` per signature. Tests script it.
 */

const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';

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

interface StoredTx {
  signature: string;
  slot: number;
  blockTime: number;
  spec: TransferSpec;
  recipientTokenAccount: string;
  /** null = the cluster forgot it (dropped before finality). */
  status: 'processed' | 'confirmed' | 'finalized' | null;
}

type Failure =
  | { kind: 'error'; code: number; message: string }
  | { kind: 'hang' }
  | { kind: 'http'; status: number };

export async function startFakeSolanaRpc() {
  const txs = new Map<string, StoredTx>();
  const byAddress = new Map<string, string[]>();
  let slot = 250_000_000;
  let failure: Failure | undefined;
  const calls: string[] = [];

  const index = (address: string, signature: string) => {
    const list = byAddress.get(address) ?? [];
    list.push(signature);
    byAddress.set(address, list);
  };

  function transactionJson(t: StoredTx) {
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
        const [address, opts] = params as [string, { limit?: number; before?: string }];
        let list = [...(byAddress.get(address) ?? [])].reverse(); // newest first
        if (opts?.before) list = list.slice(list.indexOf(opts.before) + 1);
        return list
          .slice(0, opts?.limit ?? 1000)
          .map((sig) => txs.get(sig))
          .filter((t): t is StoredTx => t !== undefined && t.status !== null)
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
        return t && t.status !== null && !t.spec.unreadable ? transactionJson(t) : null;
      }
      case 'getSignatureStatuses': {
        const [signatures] = params as [string[]];
        return {
          context: { apiVersion: '2.2.0', slot },
          value: signatures.map((sig) => {
            const t = txs.get(sig);
            if (!t || t.status === null) return null;
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

  return {
    url: `http://127.0.0.1:${address.port}`,
    calls,
    /** Puts a transfer on the fake chain, mentioning its reference; returns its signature. */
    transfer(spec: TransferSpec): string {
      slot += 3;
      const signature = randomSignature();
      txs.set(signature, {
        signature,
        slot,
        blockTime: Math.floor(Date.now() / 1000),
        spec,
        recipientTokenAccount: associatedTokenAddress(spec.recipient, spec.mint),
        status: spec.confirmationStatus ?? 'confirmed',
      });
      index(spec.reference, signature);
      return signature;
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
