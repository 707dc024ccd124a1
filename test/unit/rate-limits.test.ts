import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import {
  AccountThrottle,
  clientAddress,
  normaliseAddress,
  rateLimitKey,
} from '../../src/platform/web/rate-limits';
import { createMemoryCounters } from '../../src/platform/web/rate-limit-counters';

describe('AccountThrottle', () => {
  const rule = { windowMs: 60_000, limit: 3 };
  const throttleAt = (now: () => number) => new AccountThrottle(createMemoryCounters(now), 'account', rule);

  it('refuses an account after the limit of failures, whoever else fails', async () => {
    let now = 0;
    const throttle = throttleAt(() => now);
    for (let failure = 0; failure < 3; failure++) {
      expect(await throttle.admit('kim@example.test')).toBe(true);
      expect(await throttle.admit(`other-${failure}@example.test`)).toBe(true);
      now += 1_000;
    }
    expect(await throttle.admit('kim@example.test')).toBe(false);
    expect(await throttle.admit('other-0@example.test')).toBe(true);
  });

  it('does not count attempts that succeeded, but counts those still running', async () => {
    const throttle = throttleAt(() => 0);
    for (let success = 0; success < 5; success++) {
      expect(await throttle.admit('kim@example.test')).toBe(true);
      await throttle.forgive('kim@example.test');
    }
    // Parallel guesses: each is admitted and counted before any answer is known.
    const parallel = await Promise.all([1, 2, 3, 4].map(() => throttle.admit('kim@example.test')));
    expect(parallel).toEqual([true, true, true, false]);
  });

  it('opens again when the window that began with the first attempt ends, however often it is tried', async () => {
    let now = 0;
    const throttle = throttleAt(() => now);
    for (let failure = 0; failure < 3; failure++) await throttle.admit('kim@example.test');
    // Attempts while throttled are refused without being counted, so they cannot prolong the window.
    for (now = 0; now < 60_000; now += 5_000) expect(await throttle.admit('kim@example.test')).toBe(false);
    now = 60_000;
    expect(await throttle.admit('kim@example.test')).toBe(true);
    expect(await throttle.admit('kim@example.test')).toBe(true);
  });
});

describe('memory counters', () => {
  it('count hits in a window that starts with the first and forget it once it ended', async () => {
    let now = 1_000;
    const counters = createMemoryCounters(() => now);
    expect(counters.hit('a', 10_000)).toEqual({ hits: 1, resetAt: 11_000, admitted: true });
    now = 5_000;
    expect(counters.hit('a', 10_000)).toEqual({ hits: 2, resetAt: 11_000, admitted: true });
    expect(counters.hit('b', 10_000, { cap: 0 })).toEqual({ hits: 0, resetAt: 15_000, admitted: false });
    now = 11_000;
    expect(await counters.forgetExpired()).toBe(1);
    expect(counters.hit('a', 10_000)).toEqual({ hits: 1, resetAt: 21_000, admitted: true });
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

  it('drops the port a proxy wrote beside the address, instead of falling back to the proxy', async () => {
    expect(await addressOf(1, '10.0.0.1', '198.51.100.1:5678')).toBe('198.51.100.1');
    expect(await addressOf(1, '10.0.0.1', '[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(await addressOf(1, '10.0.0.1', '[2001:db8::1]')).toBe('2001:db8::1');
    expect(await addressOf(2, '10.0.0.1', '203.0.113.7:1, 10.0.0.9:2')).toBe('203.0.113.7');
    expect(await addressOf(1, '10.0.0.1', '198.51.100.1:99999999')).toBe('10.0.0.1');
  });

  it('spells one client one way, from the socket as from the header', async () => {
    expect(await addressOf(0, '::ffff:192.0.2.5')).toBe('192.0.2.5');
    expect(await addressOf(1, '10.0.0.1', '2001:DB8::1')).toBe('2001:db8::1');
    expect(await addressOf(1, '10.0.0.1', '::FFFF:198.51.100.1')).toBe('198.51.100.1');
  });
});

describe('normaliseAddress and rateLimitKey', () => {
  it('gives IPv6 its RFC 5952 form and IPv4-mapped addresses their IPv4 form', () => {
    expect(normaliseAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(normaliseAddress('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(normaliseAddress('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normaliseAddress('::ffff:c000:0205')).toBe('192.0.2.5');
    expect(normaliseAddress('::1')).toBe('::1');
    expect(normaliseAddress('::')).toBe('::');
    expect(normaliseAddress('192.0.2.5')).toBe('192.0.2.5');
    expect(normaliseAddress('not-an-address')).toBeUndefined();
  });

  it('counts an IPv6 client by its /64 and an IPv4 client alone', () => {
    const key = rateLimitKey('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(key);
    expect(rateLimitKey('2001:db8:1:3::1')).not.toBe(key);
    expect(rateLimitKey('192.0.2.5')).toBe('192.0.2.5');
    expect(rateLimitKey('192.0.2.6')).not.toBe(rateLimitKey('192.0.2.5'));
  });
});
