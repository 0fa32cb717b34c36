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
