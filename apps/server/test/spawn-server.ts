import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * The settings production refuses to start without, beyond the database, Redis and JWT secret:
 * a devnet shop with a named RPC (a closed loopback port unless a test brings its fake), and the
 * storefront origin it serves.
 */
export const PRODUCTION_SOLANA_ENV = {
  CORS_ORIGINS: 'http://shop.test',
  SOLANA_CHAIN: 'devnet',
  SOLANA_RPC_URL: 'http://127.0.0.1:9',
  MERCHANT_WALLET: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin',
  USDC_MINT: '4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU',
  SIWS_DOMAIN: 'shop.test',
  SIWS_URI: 'http://shop.test',
} as const;

/**
 * How long a spawned process may take to print what a test waits for. A bound on the wait, not
 * on the machine's speed: tsx's start on a machine running several suites at once (load 20 on two
 * cores, seen here) takes tens of seconds before the first line.
 */
export const PROCESS_WAIT_MS = 90_000;

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
  /** Resolves with the base URL once the API logs "Server listening at …". */
  listening(timeoutMs?: number): Promise<string>;
  /** Resolves once the output matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM to the process group (SIGKILL after 10 s), then wait for the exit. */
  stop(): Promise<number | null>;
}

/**
 * Runs the real entry point (`src/main.ts`, as `pnpm dev` / `pnpm start` do) in a child process
 * with exactly `env` (plus PATH), capturing everything it prints. A developer's own repo-root
 * `.env` is not read unless `env` names an ENV_FILE: tests must not depend on one.
 */
export function spawnServer(args: string[], env: Record<string, string>): ServerProcess {
  return spawnCommand(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: SERVER_DIR,
    env: { ENV_FILE: '/dev/null', ...env },
  });
}

/**
 * Runs `command` in its own process group with exactly `env` (plus PATH), so `stop()` can end it
 * and everything it started (turbo, tsx watch, the server) together.
 */
export function spawnCommand(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): ServerProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const waitFor = async (pattern: RegExp, timeoutMs = PROCESS_WAIT_MS) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = pattern.exec(out);
      if (match) return match;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server output never matched ${pattern}:\n${out}`);
  };

  return {
    child,
    output: () => out,
    exited,
    waitFor,
    listening: async (timeoutMs) =>
      (await waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/, timeoutMs))[1] ?? '',
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return exited;
      const group = -child.pid;
      process.kill(group, 'SIGTERM');
      const force = setTimeout(() => {
        try {
          process.kill(group, 'SIGKILL');
        } catch {}
      }, 10_000);
      const code = await exited;
      clearTimeout(force);
      return code;
    },
  };
}
