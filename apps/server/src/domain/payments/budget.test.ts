import { describe, expect, it } from 'vitest';
import { RpcBudget } from './budget';

describe('RpcBudget', () => {
  it('a share never spends more than it or its parent has left', () => {
    const tick = new RpcBudget(5);
    const order = tick.child(3);
    expect([order.take(), order.take(), order.take(), order.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(tick.remaining).toBe(2);
    const next = tick.child(10);
    expect([next.take(), next.take(), next.take()]).toEqual([true, true, false]);
    expect(tick.used).toBe(5);
  });
});
