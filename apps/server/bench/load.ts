import { Agent, request } from 'node:http';
import { cpuSeconds } from './proc';
import { profiled } from './profiler';

export interface RunFigures {
  seconds: number;
  attempted: number;
  ok: number;
  /** Refusals by `data.reason` (ERROR when an answer had none). */
  refused: Record<string, number>;
  /** Answers with a 5xx status (none is ever expected). */
  serverErrors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The API process's CPU time per request (from /proc; NaN without a pid). */
  serverCpuMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

/** One keep-alive POST; resolves with the status and body text. */
function post(agent: Agent, url: URL, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A closed-loop load of tRPC mutations: `concurrency` workers, each sending its next request as
 * soon as the previous answer arrived, for `seconds`. Plain keep-alive node:http rather than the
 * tRPC client, so the load generator (which shares the two cores with the server and Postgres)
 * costs as little as pgbench's C client does.
 */
export async function mutationLoad(options: {
  url: string;
  concurrency: number;
  seconds: number;
  /** The next request of `worker`: its `n`th, the `index`th of the whole run. */
  next: (worker: number, n: number, index: number) => { body: unknown; token: string };
  /** The API's process id, for its CPU time per request. */
  serverPid?: number;
  /** Stop after this many requests in all (a drop: one order per buyer). */
  total?: number;
  /** The name of this run's API CPU profile (with BENCH_CPU_PROF_DIR). */
  profile: string;
}): Promise<RunFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const url = new URL(options.url);
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  let ok = 0;
  let serverErrors = 0;
  let sent = 0;
  const total = options.total ?? Number.POSITIVE_INFINITY;
  const cpu0 = cpuSeconds(options.serverPid ?? 0);
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await profiled(options.profile, () =>
    Promise.all(
      Array.from({ length: options.concurrency }, async (_, worker) => {
        for (let n = 0; performance.now() < deadline && sent < total; n++) {
          const { body, token } = options.next(worker, n, sent++);
          const t0 = performance.now();
          const res = await post(agent, url, JSON.stringify({ json: body }), {
            authorization: `Bearer ${token}`,
          });
          latencies.push(performance.now() - t0);
          if (res.status >= 500) serverErrors++;
          if (res.status === 200) ok++;
          else {
            let reason = 'ERROR';
            try {
              reason =
                (JSON.parse(res.text) as { error?: { json?: { data?: { reason?: string } } } })
                  .error?.json?.data?.reason ?? 'ERROR';
            } catch {}
            refused[reason] = (refused[reason] ?? 0) + 1;
          }
        }
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(options.serverPid ?? 0) - cpu0;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    seconds,
    attempted: latencies.length,
    ok,
    refused,
    serverErrors,
    perSecond: ok / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    serverCpuMs: (cpu * 1000) / latencies.length,
  };
}
