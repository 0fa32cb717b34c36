import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WEB_SETTING_MEANINGS } from '@puffy/core';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readEnvironment, SETTING_NAMES } from './config';
import { renderEnvExample } from './env-example';
import { REPO_ENV_EXAMPLE, REPO_ENV_FILE } from './paths';

const REPO_ROOT = new URL('../../../', import.meta.url);

/**
 * Variables turbo passes to tasks that the server's config does not read, and who reads them.
 * Anything else in globalEnv must be a setting, so a stale name cannot linger there either.
 */
const READ_BY_TOOLS: Readonly<Record<string, string>> = {
  CI: 'vitest and turbo change their output in CI',
  API_URL:
    'the storefront (apps/web/src/env.ts): where its server rendering and the browser find the API',
};

function turboGlobalEnv(): string[] {
  const turbo = JSON.parse(readFileSync(new URL('turbo.json', REPO_ROOT), 'utf8')) as {
    globalEnv?: string[];
  };
  return turbo.globalEnv ?? [];
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'puffy-env-')), name);
  writeFileSync(path, text);
  return path;
}

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.join('\n');
  }
  throw new Error('expected a ConfigError');
}

describe('every setting reaches the process', () => {
  it("turbo.json's globalEnv passes every variable config reads (turbo hides the rest)", () => {
    const missing = SETTING_NAMES.filter((name) => !turboGlobalEnv().includes(name));
    expect(missing, 'add these to globalEnv in turbo.json').toEqual([]);
  });

  it("turbo.json's globalEnv names nothing that no one reads", () => {
    const stray = turboGlobalEnv().filter(
      (name) => !(SETTING_NAMES as readonly string[]).includes(name) && !(name in READ_BY_TOOLS),
    );
    expect(stray, 'remove these from globalEnv, or say in READ_BY_TOOLS who reads them').toEqual(
      [],
    );
  });

  it('.env.example lists every setting with its default and meaning', () => {
    const committed = readFileSync(REPO_ENV_EXAMPLE, 'utf8');
    for (const name of SETTING_NAMES) expect(committed).toMatch(new RegExp(`^# ${name}=`, 'm'));
    expect(committed, '.env.example is stale: run pnpm env:example').toBe(renderEnvExample());
  });

  it(".env.example lists the storefront's settings too, after the server's", () => {
    const committed = readFileSync(REPO_ENV_EXAMPLE, 'utf8');
    const web = committed.slice(committed.indexOf('# ---- Storefront (apps/web) ----'));
    for (const name of Object.keys(WEB_SETTING_MEANINGS)) {
      expect(web).toMatch(new RegExp(`^# ${name}=`, 'm'));
    }
    expect(web).toContain('# API_URL=http://localhost:3000');
  });

  it('the default settings file is the repo root .env, which git ignores', () => {
    expect(REPO_ENV_FILE).toBe(join(new URL(REPO_ROOT).pathname, '.env'));
    const ignored = readFileSync(new URL('.gitignore', REPO_ROOT), 'utf8').split('\n');
    expect(ignored).toContain('.env');
  });
});

describe('the settings file', () => {
  it('supplies settings, and the real environment wins over it', () => {
    const file = tempFile('.env', 'PORT=3150\nCORS_ORIGINS=http://file.example\n# HOST=0.0.0.0\n');
    const config = loadConfig(readEnvironment({ CORS_ORIGINS: 'http://env.example' }, file));
    expect(config.port).toBe(3150);
    expect(config.corsOrigins).toEqual(['http://env.example']);
    expect(config.host).toBe('127.0.0.1');
  });

  it('is optional where the default path has none, and ENV_FILE picks another one', () => {
    const absent = join(tmpdir(), 'puffy-no-such-dir', '.env');
    expect(loadConfig(readEnvironment({}, absent)).port).toBe(3000);
    const chosen = tempFile('prod.env', 'PORT=3151\n');
    expect(loadConfig(readEnvironment({ ENV_FILE: chosen }, absent)).port).toBe(3151);
  });

  it('a bad value in the file fails naming the variable and the file, never the value', () => {
    const file = tempFile('.env', 'PORT=eighty\nJWT_SECRET=short-secret-in-file\n');
    const problems = problemsOf(() => loadConfig(readEnvironment({}, file)));
    expect(problems).toContain(`PORT must be a whole number (set in ${file})`);
    expect(problems).toContain(`JWT_SECRET must be at least 32 bytes (set in ${file})`);
    expect(problems).not.toContain('eighty');
    expect(problems).not.toContain('short-secret-in-file');
  });

  it('an ENV_FILE that cannot be read stops the start, naming ENV_FILE', () => {
    const problems = problemsOf(() => readEnvironment({ ENV_FILE: '/nonexistent/puffy.env' }));
    expect(problems).toMatch(/^ENV_FILE cannot be read \(ENOENT\)$/);
  });
});
