import { writeFileSync } from 'node:fs';
import { renderEnvExample } from '../env-example';
import { REPO_ENV_EXAMPLE } from '../paths';

/** `pnpm env:example`: rewrites the repo root's .env.example from config's settings. */
writeFileSync(REPO_ENV_EXAMPLE, renderEnvExample());
console.log(`wrote ${REPO_ENV_EXAMPLE}`);
