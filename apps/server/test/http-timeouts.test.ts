import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createWorld, type World } from './world';

/** Opens a raw socket to the server and resolves with how long it took the server to close it. */
function openSocket(url: string): Promise<{ socket: Socket; closed: Promise<number> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const opened = Date.now();
      socket.resume(); // read (and drop) the 408, so 'close' can fire
      const closed = new Promise<number>((done) =>
        socket.on('close', () => done(Date.now() - opened)),
      );
      resolve({ socket, closed });
    });
    socket.on('error', reject);
  });
}

describe('slow clients', () => {
  let world: World;
  let url: string;
  beforeAll(async () => {
    world = await createWorld({
      env: { HTTP_HEADERS_TIMEOUT_MS: '400', HTTP_REQUEST_TIMEOUT_MS: '800' },
    });
    ({ url } = await world.listen());
  });
  afterAll(() => world.close());

  it('closes a request that sent headers and part of its body, then went silent', async () => {
    const { socket, closed } = await openSocket(url);
    socket.on('error', () => {});
    socket.write(
      'POST /trpc/auth.challenge HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"json":',
    );
    // Meanwhile a normal request on the same server is answered as usual.
    const normal = await fetch(`${url}/health`);
    expect(normal.status).toBe(200);
    const tooLong = new Promise<number>((r) => setTimeout(() => r(-1), 5000));
    const after = await Promise.race([closed, tooLong]);
    socket.destroy();
    expect(after).toBeGreaterThan(0); // -1 = still open after 5 s
    expect(after).toBeLessThan(800 + 400 + 500); // deadline + the server's sweep + slack
  });

  it('closes a connection whose headers never finish', async () => {
    const { socket, closed } = await openSocket(url);
    socket.on('error', () => {});
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    const tooLong = new Promise<number>((r) => setTimeout(() => r(-1), 5000));
    const after = await Promise.race([closed, tooLong]);
    socket.destroy();
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(400 + 200 + 500);
  });

  it('defaults close a stalled request within 30 s', () => {
    const { httpTimeouts } = loadConfig({});
    // Node checks the deadlines every second at most (see app.ts).
    expect(Math.max(httpTimeouts.headersMs, httpTimeouts.requestMs) + 1000).toBeLessThanOrEqual(
      30_000,
    );
    expect(httpTimeouts.connectionMs).toBeLessThanOrEqual(30_000);
  });

  it('refuses a headers deadline longer than the request deadline, naming the variable', () => {
    expect(() =>
      loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' }),
    ).toThrow(/HTTP_HEADERS_TIMEOUT_MS must not be more than HTTP_REQUEST_TIMEOUT_MS/);
  });
});
