import type { Deps } from '../deps';
import { RpcBudget } from '../domain/payments/budget';

/** What one tick shares between its jobs: the RPC calls it may still make. */
export interface Tick {
  readonly budget: RpcBudget;
}

export interface Job {
  readonly name: string;
  /** Without a tick (a one-off run), the job gets a tick's whole budget to itself. */
  run(deps: Deps, tick?: Tick): Promise<void>;
}

export interface RunningWorker {
  /** Resolves after the tick in progress (if any) has finished; no new tick starts. */
  stop(): Promise<void>;
}

/**
 * Runs every job once per tick, one after another, then waits `intervalMs`. A job that throws is
 * logged and tried again next tick: one bad tick never stops the worker or the other jobs.
 */
export function startWorker(deps: Deps, jobs: readonly Job[], intervalMs: number): RunningWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const tick = async () => {
    const started = performance.now();
    const shared: Tick = { budget: new RpcBudget(deps.config.payments.rpcCallsPerTick) };
    for (const job of jobs) {
      if (stopped) break;
      try {
        await job.run(deps, shared);
      } catch (err) {
        deps.metrics.jobFailed(job.name);
        deps.log.error({ err, job: job.name }, 'job failed; retrying next tick');
      }
    }
    deps.metrics.workerTick((performance.now() - started) / 1000);
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick().finally(schedule);
    }, intervalMs);
  };

  deps.log.info({ jobs: jobs.map((j) => j.name), intervalMs }, 'worker started');
  current = tick().finally(schedule);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
