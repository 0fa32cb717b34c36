import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, usesRealPostgres } from './backends';
import { startBlackhole } from './blackhole';
import { PRODUCTION_SOLANA_ENV, spawnServer } from './spawn-server';
import { createTestDatabase } from './world';

interface Answer {
  status: number | null;
  body?: string;
  error: string | null;
  connection: string | undefined;
  startedAt: number;
}

/** One GET over `agent` (keep-alive), reporting the status or the socket error. */
function get(agent: Agent | undefined, url: string): Promise<Answer> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? null,
          body: res.statusCode === 200 ? undefined : body.slice(0, 300),
          error: null,
          connection: res.headers.connection,
          startedAt,
        }),
      );
    });
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ status: null, error: err.code ?? err.message, connection: undefined, startedAt }),
    );
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!usesRealPostgres)('SIGTERM behind a load balancer (real server process)', () => {
  it('20 keep-alive clients lose no request, /ready is 503 at once, and the process exits 0', async () => {
    const database = await createTestDatabase();
    const server = spawnServer(['--role', 'api'], {
      ...PRODUCTION_SOLANA_ENV,
      NODE_ENV: 'production',
      DATABASE_URL: database.url ?? '',
      REDIS_URL: TEST_REDIS_URL ?? 'redis://127.0.0.1:1',
      JWT_SECRET: 'shutdown-test-secret-0123456789-abcdefghij',
      PORT: '0',
      SHUTDOWN_DELAY_MS: '2500',
      SHUTDOWN_TIMEOUT_MS: '8000',
      METRICS_PORT: '0',
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    try {
      const base = await server.listening();
      const list = `${base}/trpc/product.list?input=${encodeURIComponent('{"json":{"limit":5}}')}`;

      // The balancer: polls /ready on fresh connections and stops routing once it is not 200.
      let inRotation = true;
      const balancer = (async () => {
        while (inRotation) {
          const ready = await get(undefined, `${base}/ready`);
          if (ready.status !== 200) inRotation = false;
          else await sleep(100);
        }
      })();

      const answers: Answer[] = [];
      const clients = Array.from({ length: 20 }, async () => {
        while (inRotation) answers.push(await get(agent, list));
      });

      // The clients are under way once they have had a few answers each.
      while (answers.length < 60) await sleep(20);
      // The real process serves its metrics on their own listener, and they count this load.
      const metricsPort = (await server.waitFor(/"port":(\d+),"msg":"metrics listening"/))[1];
      const scrape = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const listed = scrape
        .split('\n')
        .find(
          (line) =>
            line.startsWith('puffy_trpc_request_duration_seconds_count{') &&
            line.includes('procedure="product.list"') &&
            line.includes('code="OK"'),
        );
      expect(Number(listed?.split(' ').at(-1))).toBeGreaterThan(0);
      server.child.kill('SIGTERM');
      // As soon as the process has taken the signal in (however late it is scheduled), /ready is
      // 503: the phase changes before the log line is written.
      await server.waitFor(/draining: \/ready answers 503/);
      const drainingSeenAt = Date.now();
      const readyAfterSignal = await get(undefined, `${base}/ready`);
      await Promise.all([balancer, ...clients]);
      const exitCode = await server.exited;

      expect(readyAfterSignal.status).toBe(503);
      const failed = answers.filter((a) => a.status !== 200);
      expect(failed).toEqual([]);
      expect(answers.length).toBeGreaterThan(20);
      // Requests were still served while draining, telling the client to hang up; every request
      // sent once draining had begun was.
      expect(answers.filter((a) => a.connection === 'close').length).toBeGreaterThan(0);
      const afterDraining = answers.filter((a) => a.startedAt > drainingSeenAt);
      expect(afterDraining.every((a) => a.connection === 'close')).toBe(true);
      expect(exitCode).toBe(0);
      expect(server.output()).toContain('shutdown complete');
    } finally {
      agent.destroy();
      server.child.kill('SIGKILL');
      await database.drop();
    }
  }, 180_000);
});

describe('SIGTERM while the process is still starting', () => {
  it('exits 0, not killed by the signal (a cancelled deploy is a clean stop)', async () => {
    // A Redis that accepts connections and never answers keeps the start waiting.
    const hung = await startBlackhole();
    const server = spawnServer(['--role', 'api'], {
      REDIS_URL: `redis://127.0.0.1:${hung.port}`,
      PORT: '0',
    });
    try {
      await server.waitFor(/starting/);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).not.toMatch(/Server listening/);
    } finally {
      await server.stop();
      await hung.close();
    }
  }, 120_000);
});
