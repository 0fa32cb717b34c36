import type { ChildProcess } from 'node:child_process';

/**
 * CPU profiles of the API process over the measured windows only (`BENCH_CPU_PROF_DIR=dir`):
 * the bench server starts V8's profiler when asked and writes `dir/<name>.cpuprofile` when asked
 * to stop, so set-up (signing buyers in, seeding) and start-up stay out of the figures.
 */
let server: ChildProcess | undefined;

export function profileServer(child: ChildProcess | undefined) {
  server = process.env.BENCH_CPU_PROF_DIR ? child : undefined;
}

function ask(type: 'profile-start' | 'profile-stop', name: string): Promise<void> {
  const child = server;
  if (!child) return Promise.resolve();
  return new Promise((resolve) => {
    const onMessage = (m: { type?: string }) => {
      if (m?.type !== `${type}:done`) return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.send({ type, name });
  });
}

/** Runs `work` with the API's profiler on, as `name`. */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  await ask('profile-start', name);
  try {
    return await work();
  } finally {
    await ask('profile-stop', name);
  }
}
