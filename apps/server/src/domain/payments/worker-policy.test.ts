import { describe, expect, it } from 'vitest';
import { budgetSplit, lateWatchSince, leaseMs } from './worker-policy';

describe('worker policy', () => {
  it.each([
    { rpcCallsPerOrder: 10, rpcTimeoutMs: 5000, lease: 105_000 },
    { rpcCallsPerOrder: 1, rpcTimeoutMs: 300, lease: 5_600 },
  ])('a lease covers $rpcCallsPerOrder calls of $rpcTimeoutMs ms twice, plus slack', (row) => {
    expect(leaseMs(row)).toBe(row.lease);
  });

  it.each([
    { perTick: 100, watch: 50, probes: 12, expiryLook: 4 },
    { perTick: 11, watch: 6, probes: 1, expiryLook: 4 },
    { perTick: 4, watch: 2, probes: 1, expiryLook: 2 },
    { perTick: 5, watch: 3, probes: 1, expiryLook: 3 },
  ])('a tick of $perTick calls: watch $watch, probes $probes, expiry look $expiryLook', (row) => {
    const { perTick, ...split } = row;
    expect(budgetSplit(perTick)).toEqual(split);
  });

  it('late money is watched for the configured hours', () => {
    const now = new Date('2026-12-05T12:00:00Z');
    expect(lateWatchSince(now, 24)).toEqual(new Date('2026-12-04T12:00:00Z'));
    expect(lateWatchSince(now, 0)).toEqual(now);
  });
});
