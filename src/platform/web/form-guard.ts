import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Spam protection for public forms without any third-party service: a signed timestamp proves the
 * form came from this site and was not submitted faster than a person types, and a honeypot field
 * (hidden from people, filled by naive bots) must stay empty.
 */
export interface FormGuard {
  issue(now?: number): string;
  check(token: string, now?: number): 'ok' | 'too-fast' | 'expired' | 'invalid';
}

export function createFormGuard(
  secret: string,
  minimumAgeMs: number,
  maximumAgeMs = 24 * 60 * 60 * 1000,
): FormGuard {
  const sign = (issuedAt: string) =>
    createHmac('sha256', secret).update(`form-guard:${issuedAt}`).digest('base64url');
  return {
    issue(now = Date.now()) {
      const issuedAt = String(now);
      return `${issuedAt}.${sign(issuedAt)}`;
    },
    check(token, now = Date.now()) {
      const [issuedAt = '', signature = ''] = token.split('.');
      const expected = Buffer.from(sign(issuedAt));
      const given = Buffer.from(signature);
      if (
        !/^\d{1,15}$/.test(issuedAt) ||
        given.length !== expected.length ||
        !timingSafeEqual(given, expected)
      ) {
        return 'invalid';
      }
      const age = now - Number(issuedAt);
      if (age < minimumAgeMs) return 'too-fast';
      if (age > maximumAgeMs) return 'expired';
      return 'ok';
    },
  };
}
