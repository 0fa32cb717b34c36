import { writeFileSync } from 'node:fs';
import { REPO_API_DOC } from '../paths';
import { renderApiDoc } from '../trpc/api-doc';
import { appRouter } from '../trpc/router';

/** `pnpm docs:api`: rewrites docs/api.md from the router and core's schemas. */
writeFileSync(REPO_API_DOC, renderApiDoc(appRouter));
console.log(`wrote ${REPO_API_DOC}`);
