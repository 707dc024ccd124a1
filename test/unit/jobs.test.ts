import { describe, expect, it } from 'vitest';
import { afterFailure, describeError, retryDelayMs } from '../../src/platform/jobs/rules';

describe('job retries', () => {
  const policy = { firstDelayMs: 1000, maxDelayMs: 10_000 };

  it('wait twice as long after each failure, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempts) => retryDelayMs(attempts, policy))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(retryDelayMs(500, policy)).toBe(10_000);
  });

  it('are given up after the last attempt', () => {
    const now = new Date('2026-12-01T00:00:00.000Z');
    expect(afterFailure(2, 3, now, policy)).toEqual({
      status: 'pending',
      runAfter: new Date('2026-12-01T00:00:02.000Z'),
    });
    expect(afterFailure(3, 3, now, policy)).toEqual({ status: 'failed' });
  });

  it('keep a bounded description of the error', () => {
    expect(describeError(new TypeError('bad payload'))).toBe('TypeError: bad payload');
    expect(describeError('x'.repeat(5000))).toHaveLength(2001);
  });
});
