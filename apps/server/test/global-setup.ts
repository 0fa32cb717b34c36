import { describeBackends, usesRealPostgres, usesRealRedis } from './backends';

export default function setup() {
  console.log(`[puffy tests] ${describeBackends()}`);
  if (!usesRealPostgres || !usesRealRedis) {
    console.log(
      '[puffy tests] suites that prove concurrency across connections or instances need DATABASE_URL and REDIS_URL and are skipped without them (CI sets both)',
    );
  }
}
