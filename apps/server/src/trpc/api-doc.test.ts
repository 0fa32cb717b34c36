import { readFileSync } from 'node:fs';
import { Product } from '@puffy/core';
import { describe, expect, it } from 'vitest';
import { REPO_API_DOC } from '../paths';
import { renderApiDoc } from './api-doc';
import { publicProcedure, router } from './procedures';
import { appRouter } from './router';

describe('docs/api.md', () => {
  it('is what pnpm docs:api renders from the router today', () => {
    expect(readFileSync(REPO_API_DOC, 'utf8'), 'run pnpm docs:api').toBe(renderApiDoc(appRouter));
  });

  it('documents every procedure with who may call it', () => {
    const doc = renderApiDoc(appRouter);
    for (const path of Object.keys(appRouter._def.procedures)) {
      expect(doc).toMatch(
        new RegExp(`### \`${path}\`\\n[^#]*- who may call: (public|signed in|admin)`),
      );
    }
    expect(doc).toContain('### `admin.order.list`');
    expect(doc).toMatch(/### `admin\.order\.list`[^#]*who may call: admin/);
  });

  it('refuses to render a procedure that does not say what it returns', () => {
    const undocumented = router({ thing: publicProcedure.meta({ summary: 'x' }).query(() => 1) });
    expect(() => renderApiDoc(undocumented)).toThrow('thing: its meta names no output schema');
    const documented = router({
      thing: publicProcedure.meta({ summary: 'x', output: Product }).query(() => 1),
    });
    expect(renderApiDoc(documented)).toContain('| `priceCents` | integer | yes | > 0 |');
  });
});
