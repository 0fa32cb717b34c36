import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One process of the built server (`dist/main.js --role api|worker`), restartable in place. */
export interface Instance {
  name: string;
  role: 'api' | 'worker';
  port: number;
  url: string;
  child: ChildProcess | undefined;
  /** Bumped at each start, so a request knows which life of the instance it went to. */
  generation: number;
  /** Lives that ended with kill -9: requests lost to them are excused. */
  killedGenerations: Set<number>;
  /** Whether the balancer sends it requests (out from SIGTERM or kill -9 until ready again). */
  inRotation: boolean;
  exited: Promise<number | null> | undefined;
  running: Promise<void> | undefined;
}

/**
 * Two API processes and two workers of the production bundle on one database and one Redis, with
 * the restarts the fault schedule asks for. Each process's output goes to `<logDir>/<name>.log`.
 */
export class Cluster {
  readonly apis: Instance[] = [];
  readonly workers: Instance[] = [];
  /** SIGTERM exits that were not 0 (a clean shutdown must exit 0, even while starting). */
  readonly badExits: string[] = [];
  private readonly logs = new Map<string, WriteStream>();

  constructor(
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  async start(apis: number, workers: number) {
    for (let i = 0; i < apis; i++) {
      const port = await freePort();
      this.apis.push(this.instance(`api-${i + 1}`, 'api', port));
    }
    for (let i = 0; i < workers; i++)
      this.workers.push(this.instance(`worker-${i + 1}`, 'worker', 0));
    await Promise.all([...this.apis, ...this.workers].map((it) => this.launch(it)));
  }

  private instance(name: string, role: Instance['role'], port: number): Instance {
    return {
      name,
      role,
      port,
      url: `http://127.0.0.1:${port}`,
      child: undefined,
      generation: 0,
      killedGenerations: new Set(),
      inRotation: false,
      exited: undefined,
      running: undefined,
    };
  }

  private log(name: string): WriteStream {
    let stream = this.logs.get(name);
    if (!stream) {
      stream = createWriteStream(join(this.logDir, `${name}.log`), { flags: 'a' });
      this.logs.set(name, stream);
    }
    return stream;
  }

  /** Starts the instance and, for an API, waits until /health answers; then puts it in rotation. */
  async launch(it: Instance, options: { waitReady?: boolean } = {}) {
    it.generation++;
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', 'dist/main.js', '--role', it.role],
      {
        cwd: SERVER_DIR,
        env: { PATH: process.env.PATH ?? '', ...this.env, PORT: String(it.port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const log = this.log(it.name);
    log.write(`--- ${new Date().toISOString()} start #${it.generation}\n`);
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    it.child = child;
    // Our code runs once the process logs that it is starting (before it connects to anything).
    it.running = new Promise((resolve) => {
      let seen = '';
      const onData = (d: Buffer) => {
        seen += d.toString();
        if (!seen.includes('"msg":"starting"')) return;
        child.stdout?.off('data', onData);
        resolve();
      };
      child.stdout?.on('data', onData);
      child.once('exit', () => resolve());
    });
    it.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    if (options.waitReady === false) return;
    // A worker has no health port: it is up once its code runs (it has its SIGTERM handler). A
    // SIGTERM before that reaches a Node still loading the program, which no code can handle.
    await it.running;
    if (it.role === 'api') await this.waitHealthy(it, child);
    it.inRotation = true;
  }

  private async waitHealthy(it: Instance, child: ChildProcess) {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${it.name} exited while starting (see ${it.name}.log)`);
      }
      try {
        const res = await fetch(`${it.url}/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
      } catch {}
      await sleep(100);
    }
    throw new Error(`${it.name} did not answer /health within 120 s`);
  }

  /** kill -9, then a fresh start (requests it held are excused). */
  async kill9(it: Instance) {
    it.inRotation = false;
    it.killedGenerations.add(it.generation);
    it.child?.kill('SIGKILL');
    await it.exited;
    await this.launch(it);
  }

  /**
   * SIGTERM as a rolling deploy sends it: the balancer takes the instance out of rotation (it sees
   * /ready go 503), requests already sent are served, the process must exit 0; then a fresh start.
   */
  async restart(it: Instance) {
    it.inRotation = false;
    await it.running;
    it.child?.kill('SIGTERM');
    const code = await it.exited;
    if (code !== 0) this.badExits.push(`${it.name}#${it.generation} exited ${code} after SIGTERM`);
    await this.launch(it);
  }

  /**
   * A deploy cancelled at once: SIGTERM to a process that is still starting (its code is running:
   * connecting to Postgres and Redis, checking the RPC node). It must still exit 0; then a normal
   * start. (Before Node has loaded the program no handler can exist; that moment is not tested.)
   */
  async stopWhileStarting(it: Instance) {
    it.inRotation = false;
    await it.running;
    it.child?.kill('SIGTERM');
    const first = await it.exited;
    if (first !== 0)
      this.badExits.push(`${it.name}#${it.generation} exited ${first} after SIGTERM`);
    await this.launch(it, { waitReady: false });
    await it.running;
    await sleep(Math.random() * 300);
    it.child?.kill('SIGTERM');
    const code = await it.exited;
    if (code !== 0) {
      this.badExits.push(`${it.name}#${it.generation} exited ${code} after SIGTERM while starting`);
    }
    await this.launch(it);
  }

  /** The API instance the balancer picks for the n-th request (round robin over those in rotation). */
  pickApi(n: number): Instance | undefined {
    const live = this.apis.filter((it) => it.inRotation);
    return live[n % Math.max(1, live.length)];
  }

  async stop() {
    for (const it of [...this.apis, ...this.workers]) it.inRotation = false;
    await Promise.all(
      [...this.apis, ...this.workers].map(async (it) => {
        if (!it.child || it.child.exitCode !== null || it.child.signalCode !== null) return;
        it.child.kill('SIGTERM');
        const timer = setTimeout(() => it.child?.kill('SIGKILL'), 30_000);
        const code = await it.exited;
        clearTimeout(timer);
        if (code !== 0) this.badExits.push(`${it.name}#${it.generation} exited ${code} at the end`);
      }),
    );
    for (const log of this.logs.values()) log.end();
  }
}
