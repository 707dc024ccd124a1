import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isRejectedValue } from '../../src/platform/db/dialect';

const withCode = (code: string, message = 'database error') => Object.assign(new Error(message), { code });

describe('database error classification', () => {
  it('counts refused, reset and broken connections and shutdowns as unavailable', () => {
    expect(isDatabaseUnavailable(withCode('ECONNREFUSED'))).toBe(true);
    expect(
      isDatabaseUnavailable(withCode('57P01', 'terminating connection due to administrator command')),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable')),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('database is locked'))).toBe(true);
  });

  it('looks through wrappers that keep the database error as their cause', () => {
    const wrapped = new Error('Failed to get session', { cause: withCode('ECONNRESET') });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isDatabaseUnavailable(new Error('outer', { cause: new Error('a bug') }))).toBe(false);
  });

  it('leaves bugs and refused values alone', () => {
    expect(isDatabaseUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable(withCode('22021'))).toBe(false);
    expect(isRejectedValue(withCode('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))).toBe(true);
    expect(isRejectedValue(withCode('23505'))).toBe(false);
  });
});
