import { describe, expect, it } from 'vitest';
import { dollars, parseDollars } from './money';

describe('money for people', () => {
  it('shows cents as dollars with separators', () => {
    expect(dollars(1499)).toBe('$14.99');
    expect(dollars(123456789)).toBe('$1,234,567.89');
    expect(dollars(5)).toBe('$0.05');
  });

  it('reads typed prices as whole cents, refusing anything else', () => {
    expect(parseDollars('14.99')).toBe(1499);
    expect(parseDollars('$1,200')).toBe(120000);
    expect(parseDollars('0.5')).toBe(50);
    expect(parseDollars('14.999')).toBeNull();
    expect(parseDollars('-3')).toBeNull();
    expect(parseDollars('abc')).toBeNull();
  });
});
