import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { listCatalog } from '../src/domain/catalog';
import { createServer } from '../src/http/server';
import { createLogger } from '../src/log';
import { closeDeps, openDeps } from '../src/runtime';

/**
 * The API as production runs it, plus one bare Fastify route that runs the same catalog query
 * through the same driver and mapping — the baseline tRPC is measured against. Bench only.
 */
const config = loadConfig();
const log = createLogger(config);
const deps = await openDeps(config, log, 'bench');
const server = await createServer(deps);
server.app.get('/bare/products', async () => listCatalog(deps.database.db, { limit: 20 }));
const url = await server.start();
process.send?.({ url });
// The soak's leak check asks for memory after a full GC (the server runs with --expose-gc), so
// what it compares is the live set, not where V8 happened to be between collections.
process.on('message', (m: { type?: string }) => {
  if (m?.type !== 'memory') return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ type: 'memory', ...process.memoryUsage() });
});
// Profiles of the measured windows only (bench/profiler.ts), with BENCH_CPU_PROF_DIR.
const profileDir = process.env.BENCH_CPU_PROF_DIR;
const inspector = profileDir ? new Session() : undefined;
inspector?.connect();
process.on('message', async (m: { type?: string; name?: string }) => {
  if (!inspector || !profileDir) return;
  if (m?.type === 'profile-start') {
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
    process.send?.({ type: 'profile-start:done' });
  } else if (m?.type === 'profile-stop') {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(
      join(profileDir, `api-${m.name ?? 'window'}.cpuprofile`),
      JSON.stringify(profile),
    );
    process.send?.({ type: 'profile-stop:done' });
  }
});
process.on('SIGTERM', async () => {
  await server.stop();
  await closeDeps(deps);
  process.exit(0);
});
