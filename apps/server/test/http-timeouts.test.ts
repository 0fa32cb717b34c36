import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { STILL_OPEN_AFTER_MS, stallRequest } from './slow-client';
import { createWorld, type World } from './world';

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

  // The deadline closes them with a 408, soon rather than after Node's defaults; how soon is not
  // asserted beyond that (a busy machine schedules the server's sweep late).
  it('closes a request that sent headers and part of its body, then went silent', async () => {
    const stalled = stallRequest(
      url,
      'POST /trpc/auth.challenge HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"json":',
    );
    // Meanwhile a normal request on the same server is answered as usual.
    const normal = await fetch(`${url}/health`);
    expect(normal.status).toBe(200);
    const { answer, closedAfterMs } = await stalled;
    expect(closedAfterMs, `still open after ${STILL_OPEN_AFTER_MS} ms`).not.toBeNull();
    expect(closedAfterMs).toBeGreaterThanOrEqual(800 - 50); // HTTP_REQUEST_TIMEOUT_MS ended it
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection whose headers never finish', async () => {
    const { answer, closedAfterMs } = await stallRequest(
      url,
      'GET /health HTTP/1.1\r\nHost: x\r\n',
    );
    expect(closedAfterMs, `still open after ${STILL_OPEN_AFTER_MS} ms`).not.toBeNull();
    expect(closedAfterMs).toBeGreaterThanOrEqual(400 - 50); // HTTP_HEADERS_TIMEOUT_MS ended it
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
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
