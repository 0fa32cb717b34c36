import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles a bench entry the way `pnpm build` bundles production (esbuild, npm packages external),
 * so the numbers are production's, not those of tsx's on-the-fly transpilation. The API and the
 * anchor services are built alike, so neither side of a ratio carries the other's overhead.
 */
export async function buildBenchEntry(entry: URL): Promise<string> {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter(
    (name) => !name.startsWith('@puffy/'),
  );
  const name = basename(fileURLToPath(entry), '.ts');
  // dist/ sits one level below the package root, like src/: migrations resolve the same way.
  const outfile = fileURLToPath(new URL(`../dist/bench-${name}.js`, import.meta.url));
  await build({
    entryPoints: [fileURLToPath(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external,
    logLevel: 'warning',
  });
  return outfile;
}

/** Starts a bundled entry as its own process; it reports `{ url }` over IPC once listening. */
export async function startBenchProcess(
  entry: URL,
  env: Record<string, string>,
  options: { wholeProfile?: boolean } = {},
): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_CPU_PROF_DIR=dir writes a V8 CPU profile of the process there when it exits (the API
  // server instead profiles the measured windows only: bench/profiler.ts).
  const profileDir = options.wholeProfile === false ? undefined : process.env.BENCH_CPU_PROF_DIR;
  const child = fork(await buildBenchEntry(entry), [], {
    // --expose-gc: the memory soak asks the API for its live set after a full collection.
    execArgv: [
      '--expose-gc',
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) =>
      reject(new Error(`${basename(fileURLToPath(entry))} exited with ${code}`)),
    );
  });
  return { child, url };
}

export async function stopBenchProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
