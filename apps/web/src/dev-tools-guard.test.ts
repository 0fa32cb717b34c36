import { WebSettingsShape } from '@puffy/client';
import { describe, expect, it } from 'vitest';
import { devToolsRefusal } from './dev-tools-guard';

describe('devToolsRefusal', () => {
  it('refuses exactly the spellings core reads as DEV_TOOLS on, with NODE_ENV=production', () => {
    for (const value of ['true', 'false', '1', '0', 'yes', 'no', '']) {
      const on = WebSettingsShape.DEV_TOOLS.parse(value);
      expect(devToolsRefusal({ NODE_ENV: 'production', DEV_TOOLS: value }) !== null).toBe(on);
      expect(devToolsRefusal({ NODE_ENV: 'test', DEV_TOOLS: value })).toBeNull();
    }
    expect(devToolsRefusal({ NODE_ENV: 'production' })).toBeNull();
  });
});
