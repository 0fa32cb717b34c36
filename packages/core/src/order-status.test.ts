import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import {
  ACTORS,
  type Actor,
  assertTransition,
  canActorTransition,
  canTransition,
  isTerminal,
  nextStatuses,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  OrderStatus,
  RELEASING_STATUSES,
  releasesReservation,
  TERMINAL_STATUSES,
} from './order-status';

// The moves the shop allows, written out independently of the implementation's table.
const EXPECTED_EDGES: ReadonlyArray<readonly [OrderStatus, OrderStatus]> = [
  ['NEW', 'PAID'],
  ['NEW', 'CANCELLED'],
  ['NEW', 'EXPIRED'],
  ['PAID', 'CONFIRMED'],
  ['PAID', 'EXPIRED'],
  ['PAID', 'REFUNDED'],
  ['CONFIRMED', 'PROCESSING'],
  ['CONFIRMED', 'REFUNDED'],
  ['PROCESSING', 'SHIPPED'],
  ['SHIPPED', 'DELIVERED'],
];
const isSpecEdge = (from: OrderStatus, to: OrderStatus) =>
  EXPECTED_EDGES.some(([f, t]) => f === from && t === to);

const ALL_PAIRS = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));

const status = fc.constantFrom(...ORDER_STATUSES);
const actor = fc.constantFrom(...ACTORS);

describe('order state machine table', () => {
  it('allows exactly the moves in the spec, and no others', () => {
    for (const [from, to] of ALL_PAIRS) {
      expect(canTransition(from, to), `${from} → ${to}`).toBe(isSpecEdge(from, to));
    }
    const tableEdges = Object.entries(ORDER_TRANSITIONS).flatMap(([from, tos]) =>
      tos.map((to) => `${from}>${to}`),
    );
    expect(tableEdges.sort()).toEqual(EXPECTED_EDGES.map(([f, t]) => `${f}>${t}`).sort());
  });

  it('has a row for every status and only those', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    expect(OrderStatus.options).toEqual([...ORDER_STATUSES]);
  });

  it('names CANCELLED, DELIVERED, EXPIRED and REFUNDED as the terminal states', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual([
      'CANCELLED',
      'DELIVERED',
      'EXPIRED',
      'REFUNDED',
    ]);
    for (const s of ORDER_STATUSES) {
      expect(isTerminal(s), s).toBe(nextStatuses(s).length === 0);
    }
  });

  it('releases reservations only on CANCELLED and EXPIRED, never on REFUNDED', () => {
    expect([...RELEASING_STATUSES].sort()).toEqual(['CANCELLED', 'EXPIRED']);
    expect(releasesReservation('REFUNDED')).toBe(false);
    expect(releasesReservation('CANCELLED')).toBe(true);
    // a releasing state is terminal, so an order can release at most once
    for (const s of RELEASING_STATUSES) expect(isTerminal(s)).toBe(true);
  });

  it('refuses strings that are not statuses without throwing', () => {
    for (const junk of ['constructor', '__proto__', 'toString', 'new', '']) {
      expect(canTransition(junk as OrderStatus, 'PAID')).toBe(false);
      expect(nextStatuses(junk as OrderStatus)).toEqual([]);
    }
  });
});

describe('order state machine properties', () => {
  it('reaches every state from NEW', () => {
    const seen = new Set<OrderStatus>(['NEW']);
    const queue: OrderStatus[] = ['NEW'];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const next of nextStatuses(s)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it('never leaves a terminal state', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        if (isTerminal(from)) expect(canTransition(from, to)).toBe(false);
      }),
    );
  });

  it('only ever walks allowed edges and ends where the walk stops', () => {
    // Random attempts from NEW: the machine follows an attempt only if canTransition says so.
    fc.assert(
      fc.property(fc.array(status, { maxLength: 30 }), (attempts) => {
        let current: OrderStatus = 'NEW';
        const path: OrderStatus[] = [current];
        for (const to of attempts) {
          try {
            assertTransition(current, to);
          } catch {
            expect(canTransition(current, to)).toBe(false);
            continue;
          }
          expect(isSpecEdge(current, to)).toBe(true);
          current = to;
          path.push(current);
        }
        // no state is visited twice: the graph has no cycles
        expect(new Set(path).size).toBe(path.length);
      }),
    );
  });

  it('throws INVALID_TRANSITION naming both states for every refused pair', () => {
    for (const [from, to] of ALL_PAIRS) {
      if (isSpecEdge(from, to)) {
        expect(() => assertTransition(from, to)).not.toThrow();
        continue;
      }
      let caught: unknown;
      try {
        assertTransition(from, to);
      } catch (e) {
        caught = e;
      }
      expect(caught, `${from} → ${to}`).toBeInstanceOf(DomainError);
      const err = caught as DomainError;
      expect(err.reason).toBe('INVALID_TRANSITION');
      expect(err.message).toContain(from);
      expect(err.message).toContain(to);
      expect(err.details).toEqual({ from, to });
    }
  });
});

describe('who may move an order', () => {
  const SYSTEM: ReadonlyArray<readonly [OrderStatus, OrderStatus]> = [
    ['NEW', 'PAID'],
    ['NEW', 'EXPIRED'],
    ['PAID', 'CONFIRMED'],
    ['PAID', 'EXPIRED'],
  ];
  const allowedFor = (a: Actor, from: OrderStatus, to: OrderStatus): boolean => {
    if (a === 'admin') return isSpecEdge(from, to);
    if (a === 'buyer') return from === 'NEW' && to === 'CANCELLED';
    return SYSTEM.some(([f, t]) => f === from && t === to);
  };

  it('follows the actor rules for every actor and pair', () => {
    fc.assert(
      fc.property(actor, status, status, (a, from, to) => {
        expect(canActorTransition(a, from, to)).toBe(allowedFor(a, from, to));
      }),
      { numRuns: 500 },
    );
    for (const a of ACTORS) {
      for (const [from, to] of ALL_PAIRS) {
        expect(canActorTransition(a, from, to), `${a}: ${from} → ${to}`).toBe(
          allowedFor(a, from, to),
        );
      }
    }
  });

  it('never lets an actor make a move the state machine refuses', () => {
    fc.assert(
      fc.property(actor, status, status, (a, from, to) => {
        if (canActorTransition(a, from, to)) expect(canTransition(from, to)).toBe(true);
      }),
    );
  });

  it('does not let a buyer cancel a paid order or mark their own order paid', () => {
    expect(canActorTransition('buyer', 'PAID', 'REFUNDED')).toBe(false);
    expect(canActorTransition('buyer', 'NEW', 'PAID')).toBe(false);
    expect(canActorTransition('system', 'NEW', 'CANCELLED')).toBe(false);
  });
});
