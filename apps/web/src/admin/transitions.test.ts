import { ORDER_STATUSES, ORDER_TRANSITIONS } from '@puffy/client';
import { describe, expect, it } from 'vitest';
import { moveStep } from './transitions';

describe('an admin’s order moves', () => {
  it('confirm every move that records money or closes the order', () => {
    for (const to of [
      'PAID',
      'CONFIRMED',
      'REFUNDED',
      'CANCELLED',
      'EXPIRED',
      'DELIVERED',
    ] as const) {
      const step = moveStep(to);
      expect(step.kind, to).toBe('confirm');
      expect(step.kind === 'confirm' && step.question).toMatch(/cannot be undone\.$/);
    }
    expect(moveStep('SHIPPED')).toEqual({ kind: 'ship' });
    expect(moveStep('PROCESSING')).toEqual({ kind: 'go' });
  });

  it('cover every state an order can move into', () => {
    const targets = new Set(ORDER_STATUSES.flatMap((s) => [...ORDER_TRANSITIONS[s]]));
    for (const to of targets) expect(moveStep(to)).toBeDefined();
    expect([...targets].filter((to) => moveStep(to).kind === 'go')).toEqual(['PROCESSING']);
  });
});
