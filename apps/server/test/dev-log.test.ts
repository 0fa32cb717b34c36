import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prettyFactory } from 'pino-pretty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createLogger, PRETTY_OPTIONS } from '../src/log';
import { openDatabase } from '../src/runtime';
import { rawCall } from './http';
import { createWorld, LogCapture, type World } from './world';

const INFO = 30;

describe("a developer's log", () => {
  let world: World;
  let url: string;

  beforeAll(async () => {
    world = await createWorld();
    ({ url } = await world.listen());
  });
  afterAll(() => world.close());

  it('prints a request as one line: method, path, status and time', () => {
    const pretty = prettyFactory({ ...PRETTY_OPTIONS, colorize: false });
    const line = pretty({
      level: INFO,
      time: 0,
      pid: 1,
      hostname: 'dev',
      reqId: 'req-1',
      req: { method: 'GET', path: '/trpc/product.list', ip: '127.0.0.1' },
      statusCode: 200,
      ms: 3.4,
      msg: 'GET /trpc/product.list 200 3.4 ms',
    });
    expect(line.trimEnd().split('\n')).toHaveLength(1);
    expect(line).toMatch(/INFO: GET \/trpc\/product\.list 200 3\.4 ms\s*$/);
  });

  it('logs one info line per request, and none for health and readiness probes', async () => {
    const before = world.logs.records().length;
    await fetch(`${url}/health`);
    await fetch(`${url}/ready`);
    await rawCall(url, 'product.list', 'query', {});
    const lines = world.logs
      .records()
      .slice(before)
      .filter((r) => (r.level as number) >= INFO && r.req !== undefined);
    expect(lines.map((r) => r.msg)).toEqual([
      expect.stringMatching(/^GET \/trpc\/product\.list 200 [\d.]+ ms$/),
    ]);
  });
});

describe('the first start on embedded PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'puffy-first-start-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says what it is doing while the database is prepared, then that it is ready', async () => {
    const capture = new LogCapture();
    const config = loadConfig({ NODE_ENV: 'test', PGLITE_DIR: join(dir, 'pglite') });
    const handle = await openDatabase(config, createLogger(config, capture));
    try {
      const messages = capture.records().map((r) => String(r.msg));
      const at = (pattern: RegExp) => messages.findIndex((m) => pattern.test(m));
      const opening = at(/^preparing the database: opening PGlite/);
      const migrating = at(/^preparing the database: applying migrations$/);
      const ready = at(/^database ready in \d+ s$/);
      expect(opening).toBeGreaterThanOrEqual(0);
      expect(migrating).toBeGreaterThan(opening);
      expect(ready).toBeGreaterThan(migrating);
    } finally {
      await handle.close();
    }
  });
});
