import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, CountryCode, isCountryCode } from './countries';

describe('COUNTRY_CODES', () => {
  it('holds the 249 assigned ISO 3166-1 alpha-2 codes, sorted and unique', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES].sort()).toEqual([...COUNTRY_CODES]);
    for (const c of ['US', 'NL', 'AX', 'SS', 'BQ', 'CW', 'SX', 'ZW'])
      expect(COUNTRY_CODES).toContain(c);
    for (const c of ['UK', 'EU', 'XK', 'AN', 'YU', 'ZZ']) expect(isCountryCode(c)).toBe(false);
  });
});

describe('CountryCode', () => {
  it('accepts any case and normalises to upper case', () => {
    expect(CountryCode.parse('us')).toBe('US');
    expect(CountryCode.parse('Gb')).toBe('GB');
    expect(CountryCode.parse(' nl ')).toBe('NL');
  });

  it('refuses codes that are not assigned or not two letters', () => {
    for (const bad of ['UK', 'XX', 'USA', 'U', '', 'U1', '12', 'ÜS', 42, null]) {
      expect(CountryCode.safeParse(bad).success, String(bad)).toBe(false);
    }
  });
});
