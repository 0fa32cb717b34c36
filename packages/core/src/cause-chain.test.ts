import { describe, expect, it } from 'vitest';
import { causeChain, findCause } from './cause-chain';

describe('causeChain', () => {
  it('yields the error and each cause beneath it, nearest first', () => {
    const root = Object.assign(new Error('driver'), { code: '23505' });
    const top = new Error('wrapped twice', { cause: new Error('wrapped once', { cause: root }) });
    expect([...causeChain(top)].map((e) => (e as Error).message)).toEqual([
      'wrapped twice',
      'wrapped once',
      'driver',
    ]);
    expect(findCause(top, (e) => (e as { code?: unknown }).code === '23505')).toBe(root);
  });

  it('stops at a cycle and at its depth limit', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect([...causeChain(a)]).toEqual([a, b]);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = { cause: deep };
    expect([...causeChain(deep)]).toHaveLength(16);
    expect([...causeChain(deep, 3)]).toHaveLength(3);
  });

  it('accepts anything that was thrown', () => {
    expect([...causeChain(undefined)]).toEqual([]);
    expect([...causeChain('text')]).toEqual(['text']);
    expect(findCause(null, () => true)).toBeUndefined();
  });
});
