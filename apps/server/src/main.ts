import { parseArgs } from 'node:util';
import packageJson from '../package.json' with { type: 'json' };
import { devJwtSecretPath, loadOrCreateDevJwtSecret } from './auth/dev-jwt-secret';
import { ConfigError, loadConfig } from './config';
import type { Deps, PaymentSimulator } from './deps';
import { startPaymentSimulator } from './dev/simulator';
import { startMetricsServer } from './http/metrics-server';
import { createServer, type RunningServer } from './http/server';
import { JOBS } from './jobs';
import { type RunningWorker, startWorker } from './jobs/worker';
import { Secret } from './lib/secret';
import { createLogger } from './log';
import { closeDeps, openDeps } from './runtime';
import { ClusterMismatchError, verifyCluster } from './solana/cluster-check';

const ROLES = ['api', 'worker', 'all'] as const;
type Role = (typeof ROLES)[number];

function parseRole(argv: string[]): Role {
  // pnpm 10 passes a literal `--` through to the script (`pnpm start -- --role api`).
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: { role: { type: 'string', default: 'all' } },
    strict: true,
  });
  const role = values.role as Role;
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  return role;
}

/**
 * The worker starts only once the RPC node is known to serve SOLANA_CHAIN (and the mint is that
 * chain's USDC, unless allowed): a mismatch stops the process; an unreachable node is asked again
 * each poll interval, since the worker could do nothing without it anyway.
 */
async function waitForVerifiedCluster(deps: Deps, stopping: () => boolean): Promise<boolean> {
  for (;;) {
    if (stopping()) return false;
    try {
      await verifyCluster(deps);
      // The simulator answers as the configured cluster would; the log must not claim a real one.
      if (deps.paymentSimulator) {
        deps.log.info(
          { chain: 'simulated (dev tools)' },
          'the dev payment simulator serves the chain: no real money moves',
        );
      } else {
        deps.log.info({ chain: deps.config.siws.chain }, 'RPC node serves the configured chain');
      }
      return true;
    } catch (err) {
      if (err instanceof ClusterMismatchError) throw err;
      deps.log.warn({ err }, 'could not check the RPC node’s cluster; trying again');
    }
    await new Promise((r) => setTimeout(r, deps.config.payments.pollIntervalMs));
  }
}

async function main() {
  // A signal can come while the process is still starting (a deploy cancelled at once, a rolling
  // restart that overtakes a slow start). Until the server starts listening there is nothing to
  // drain, so the process just ends, cleanly; once it is listening, the signal waits for the
  // shutdown below, which drains.
  let shutdown: ((signal: NodeJS.Signals) => Promise<void>) | undefined;
  let pendingSignal: NodeJS.Signals | undefined;
  let listening = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdown) return void shutdown(signal);
    if (!listening) process.exit(0);
    pendingSignal = signal;
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  let role: Role;
  let config: ReturnType<typeof loadConfig>;
  try {
    role = parseRole(process.argv.slice(2));
    config = loadConfig();
  } catch (err) {
    // Config errors name the variable and the rule, never the value.
    console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
    process.exit(1);
  }

  const log = createLogger(config);
  log.info({ role, version: packageJson.version }, 'starting');
  if (config.jwt.generated) {
    // Development only (production requires JWT_SECRET): a secret kept beside the embedded
    // database, so restarting `pnpm dev` does not sign everyone out.
    const file = devJwtSecretPath(config.pgliteDir);
    config = {
      ...config,
      jwt: { ...config.jwt, secret: new Secret(await loadOrCreateDevJwtSecret(file)) },
    };
    log.warn({ file }, 'JWT_SECRET is not set: using the development secret kept in this file');
  }
  let simulator: PaymentSimulator | null = null;
  if (config.devTools.simulatePayments) {
    // The simulator lives in this process, so only a process running both API and worker can use
    // it: the API records the payment, the worker must read it.
    if (role === 'all') {
      simulator = await startPaymentSimulator();
      log.warn(
        { rpcUrl: simulator.url },
        'DEV_TOOLS: SOLANA_RPC_URL is not set, the worker reads the dev payment simulator',
      );
    } else {
      log.warn('DEV_TOOLS: the payment simulator runs only with --role all');
    }
  }
  const deps = await openDeps(config, log, packageJson.version, simulator);

  let server: RunningServer | undefined;
  let worker: RunningWorker | undefined;
  const metricsServer = config.metrics ? await startMetricsServer(deps, config.metrics) : undefined;
  if (role === 'api' || role === 'all') {
    server = await createServer(deps);
    listening = true;
    await server.start();
  }
  let shuttingDown = false;
  if (role === 'worker' || role === 'all') {
    const startWhenVerified = async () => {
      try {
        if (await waitForVerifiedCluster(deps, () => shuttingDown)) {
          worker = startWorker(deps, JOBS, config.payments.pollIntervalMs);
        }
      } catch (err) {
        log.fatal({ err }, err instanceof Error ? err.message : 'cluster check failed');
        log.flush();
        await server?.stop();
        await closeDeps(deps);
        process.exit(1);
      }
    };
    void startWhenVerified();
  }

  shutdown = async (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    shuttingDown = true;
    log.info({ signal, role }, 'shutting down: draining requests and the current job tick');
    await Promise.all([server?.stop(), worker?.stop()]);
    await metricsServer?.close();
    await closeDeps(deps);
    log.info('shutdown complete');
    log.flush();
    process.exit(0);
  };
  if (pendingSignal) void shutdown(pendingSignal);
}

main().catch((err: unknown) => {
  console.error('fatal: failed to start', err instanceof Error ? err.message : err);
  process.exit(1);
});
