import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';

const BUDGET_KB = 150;

test(`the catalog's first-load JavaScript stays within ${BUDGET_KB} kB gzip`, ({ baseURL }) => {
  // The measurement docs/benchmarks.md describes: every script the catalog's HTML loads, gzipped.
  const report = execFileSync(
    'node',
    ['scripts/first-load-js.mjs', `${baseURL}/`, '--max-kb', String(BUDGET_KB)],
    { encoding: 'utf8' },
  );
  const kb = Number(/first-load JS: ([\d.]+) kB gzip/.exec(report)?.[1]);
  console.log(report.trim().split('\n').at(-1));
  expect(kb).toBeGreaterThan(50);
  expect(kb).toBeLessThanOrEqual(BUDGET_KB);
});
