import type { TestProject } from 'vitest/node';
import { describeBackends, usesRealPostgres, usesRealRedis } from './backends';
import { writePgliteTemplate } from './pglite-template';

export default async function setup(project: TestProject) {
  console.log(`[puffy tests] ${describeBackends()}`);
  if (!usesRealPostgres || !usesRealRedis) {
    console.log(
      '[puffy tests] suites that prove concurrency across connections or instances need DATABASE_URL and REDIS_URL and are skipped without them (CI sets both)',
    );
  }
  if (usesRealPostgres) return;
  const template = await writePgliteTemplate();
  project.provide('pgliteTemplate', template.path);
  return () => template.remove();
}
