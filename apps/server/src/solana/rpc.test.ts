import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSolanaRpc, SolanaRpcError } from './rpc';

describe('Solana RPC client errors', () => {
  let url: string;
  let reply: (body: string) => string = (b) => b;
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const answer = reply(body);
    if (answer === 'hang') return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    url = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const failure = async (work: Promise<unknown>) => {
    const err = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SolanaRpcError);
    return err as SolanaRpcError;
  };

  it('reports a JSON-RPC error with its code', async () => {
    reply = (b) =>
      JSON.stringify({
        jsonrpc: '2.0',
        id: JSON.parse(b).id,
        error: { code: -32015, message: 'Transaction version (1) is not supported' },
      });
    const err = await failure(createSolanaRpc(url).getTransaction('sig'));
    expect(err.rpcCode).toBe(-32015);
    expect(err.message).toContain('-32015');
  });

  it('refuses an answer of the wrong shape', async () => {
    reply = (b) => JSON.stringify({ jsonrpc: '2.0', id: JSON.parse(b).id, result: [{ nope: 1 }] });
    const err = await failure(createSolanaRpc(url).getSignaturesForAddress('addr'));
    expect(err.message).toContain('unexpected result shape');
  });

  it('tells a timeout from an unreachable node', async () => {
    reply = () => 'hang';
    const slow = await failure(
      createSolanaRpc(url, { timeoutMs: 100 }).getSignatureStatuses(['s']),
    );
    expect(slow.message).toContain('did not answer within 100 ms');
    const down = await failure(createSolanaRpc('http://127.0.0.1:9').getSignatureStatuses(['s']));
    expect(down.message).toContain('could not reach the RPC node');
  });

  it('asks for one page with before/until/limit and caps the limit at 1000', async () => {
    let sent: Record<string, unknown> = {};
    reply = (b) => {
      const { id, params } = JSON.parse(b) as { id: number; params: [string, object] };
      sent = params[1] as Record<string, unknown>;
      return JSON.stringify({ jsonrpc: '2.0', id, result: [] });
    };
    const rpc = createSolanaRpc(url);
    await rpc.getSignaturesForAddress('addr', { before: 'b', until: 'u', limit: 5000 });
    expect(sent).toEqual({ commitment: 'confirmed', limit: 1000, before: 'b', until: 'u' });
    await rpc.getSignaturesForAddress('addr');
    expect(sent).toEqual({ commitment: 'confirmed', limit: 1000 });
  });

  it('lists the owner’s token accounts of one mint with balances and the slot, dropping any other', async () => {
    const OWNER = 'Owner111111111111111111111111111111111111111';
    const MINT = 'Mint1111111111111111111111111111111111111111';
    const account = (pubkey: string, mint: string, owner: string, amount: string) => ({
      pubkey,
      account: { data: { parsed: { info: { mint, owner, tokenAmount: { amount } } } } },
    });
    let sent: unknown[] = [];
    reply = (b) => {
      const { id, params } = JSON.parse(b) as { id: number; params: unknown[] };
      sent = params;
      return JSON.stringify({
        jsonrpc: '2.0',
        id,
        result: {
          context: { slot: 321 },
          value: [
            account('Acct1111111111111111111111111111111111111111', MINT, OWNER, '12340000'),
            account(
              'Acct2222222222222222222222222222222222222222',
              'Other111111111111111111111111111111111111111',
              OWNER,
              '1',
            ),
            account(
              'Acct3333333333333333333333333333333333333333',
              MINT,
              'Someone1111111111111111111111111111111111111',
              '1',
            ),
          ],
        },
      });
    };
    const answer = await createSolanaRpc(url).getTokenAccountsByOwner(OWNER, MINT);
    expect(sent).toEqual([
      OWNER,
      { mint: MINT },
      { encoding: 'jsonParsed', commitment: 'confirmed' },
    ]);
    expect(answer).toEqual({
      slot: 321,
      accounts: [{ address: 'Acct1111111111111111111111111111111111111111', amount: 12_340_000n }],
    });
  });

  it('refuses a page longer than the limit it asked for', async () => {
    reply = (b) =>
      JSON.stringify({
        jsonrpc: '2.0',
        id: JSON.parse(b).id,
        result: Array.from({ length: 3 }, (_, i) => ({
          signature: `${'1'.repeat(60)}${String(i).padStart(4, '0')}`,
          slot: 1,
          err: null,
        })),
      });
    await failure(createSolanaRpc(url).getSignaturesForAddress('addr', { limit: 2 }));
  });
});

describe('Solana RPC client on a connection reset', () => {
  let url: string;
  let resetsLeft = 0;
  let requests = 0;
  let status = 200;
  // Resets the next `resetsLeft` requests' connections after reading them (as a node or proxy
  // closing a kept-alive socket under load does), then answers normally.
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    requests++;
    if (resetsLeft > 0) {
      resetsLeft--;
      req.socket.resetAndDestroy();
      return;
    }
    const { id } = JSON.parse(body) as { id: number };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id, result: 42 }));
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    url = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const reset = (times: number, answer = 200) => {
    resetsLeft = times;
    requests = 0;
    status = answer;
  };

  it('reads again once when the node resets the connection, and gets the answer', async () => {
    reset(1);
    expect(await createSolanaRpc(url).getSlot()).toBe(42);
    expect(requests).toBe(2);
  });

  it('gives up after a second reset in a row, saying the node could not be reached', async () => {
    reset(2);
    const err = await createSolanaRpc(url)
      .getSlot()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(SolanaRpcError);
    expect((err as Error).message).toContain('could not reach the RPC node');
    expect(requests).toBe(2);
  });

  it('does not repeat a call the node answered, even with an error status', async () => {
    reset(0, 503);
    await expect(createSolanaRpc(url).getSlot()).rejects.toThrow(/HTTP 503/);
    expect(requests).toBe(1);
  });
});
