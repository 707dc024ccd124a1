import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { AccountThrottle, clientAddress } from '../../src/web/rate-limits';

describe('AccountThrottle', () => {
  const rule = { windowMs: 60_000, limit: 3 };

  it('refuses an account after the limit of failures, whoever else fails', () => {
    let now = 0;
    const throttle = new AccountThrottle(rule, () => now);
    for (let failure = 0; failure < 3; failure++) {
      expect(throttle.admit('kim@example.test')).toBe(true);
      expect(throttle.admit(`other-${failure}@example.test`)).toBe(true);
      now += 1_000;
    }
    expect(throttle.admit('kim@example.test')).toBe(false);
    expect(throttle.admit('other-0@example.test')).toBe(true);
  });

  it('does not count attempts that succeeded, but counts those still running', () => {
    const throttle = new AccountThrottle(rule, () => 0);
    for (let success = 0; success < 5; success++) {
      expect(throttle.admit('kim@example.test')).toBe(true);
      throttle.forgive('kim@example.test');
    }
    // Parallel guesses: each is admitted and counted before any answer is known.
    expect([1, 2, 3, 4].map(() => throttle.admit('kim@example.test'))).toEqual([true, true, true, false]);
  });

  it('opens again when the window that began with the first attempt ends, however often it is tried', () => {
    let now = 0;
    const throttle = new AccountThrottle(rule, () => now);
    for (let failure = 0; failure < 3; failure++) throttle.admit('kim@example.test');
    // Attempts while throttled are refused without being counted, so they cannot prolong the window.
    for (now = 0; now < 60_000; now += 5_000) expect(throttle.admit('kim@example.test')).toBe(false);
    now = 60_000;
    expect(throttle.admit('kim@example.test')).toBe(true);
    expect(throttle.admit('kim@example.test')).toBe(true);
  });
});

describe('clientAddress', () => {
  /** The address the app sees for a request from `peer` carrying `forwarded`, trusting `hops` proxies. */
  async function addressOf(hops: number, peer: string, forwarded?: string): Promise<string> {
    const app = new Hono();
    app.get('/', (c) => c.text(clientAddress(c, hops)));
    const headers: Record<string, string> = forwarded ? { 'x-forwarded-for': forwarded } : {};
    const response = await app.request('/', { headers }, { incoming: { socket: { remoteAddress: peer } } });
    return response.text();
  }

  it('takes the entry the outermost trusted proxy appended, never one the client wrote', async () => {
    expect(await addressOf(0, '10.0.0.1', '198.51.100.1')).toBe('10.0.0.1');
    expect(await addressOf(1, '10.0.0.1', '198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(await addressOf(2, '10.0.0.1', '198.51.100.1, 203.0.113.7, 10.0.0.9')).toBe('203.0.113.7');
    expect(await addressOf(1, '10.0.0.1', '2001:db8::1')).toBe('2001:db8::1');
  });

  it('falls back to the peer when the header is missing or the chosen entry is no address', async () => {
    expect(await addressOf(1, '10.0.0.1')).toBe('10.0.0.1');
    expect(await addressOf(1, '10.0.0.1', '198.51.100.1, not-an-address')).toBe('10.0.0.1');
    // Fewer entries than trusted proxies: the left-most is the furthest anyone vouches for, as in Express.
    expect(await addressOf(3, '10.0.0.1', '203.0.113.7')).toBe('203.0.113.7');
  });
});
