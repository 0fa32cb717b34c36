import { TRPCClientError } from '@puffy/client';
import { describe, expect, it } from 'vitest';
import { problemOf } from './problem';

const refusal = (httpStatus: number, reason: string, details: unknown = null) =>
  TRPCClientError.from({
    error: { message: 'no', code: -32600, data: { httpStatus, reason, details } },
  });

describe('a failed read: not found, signed out, refused, or an outage', () => {
  it('tells a missing thing from an outage', () => {
    expect(problemOf(refusal(404, 'ORDER_NOT_FOUND')).kind).toBe('not-found');
    expect(problemOf(refusal(400, 'VALIDATION_FAILED')).kind).toBe('not-found');
    expect(problemOf(refusal(503, 'DEPENDENCY_UNAVAILABLE')).kind).toBe('unavailable');
    expect(problemOf(refusal(500, 'INTERNAL')).kind).toBe('unavailable');
    // No answer at all: fetch failed, or the client's timeout.
    expect(problemOf(new TRPCClientError('fetch failed')).kind).toBe('unavailable');
    expect(problemOf(new Error('socket hang up')).kind).toBe('unavailable');
  });

  it('tells a session that ended, and keeps the reason and details', () => {
    expect(problemOf(refusal(401, 'TOKEN_EXPIRED')).kind).toBe('signed-out');
    expect(problemOf(refusal(429, 'RATE_LIMITED', { retryAfterSeconds: 5 }))).toEqual({
      kind: 'refused',
      reason: 'RATE_LIMITED',
      details: { retryAfterSeconds: 5 },
    });
  });
});
