import { describe, expect, it } from 'vitest';
import { acceptsGzip } from '../../src/platform/web/compression';

describe('reading Accept-Encoding', () => {
  it('takes gzip when named, and not when refused with q=0 or not named', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip; q=0.000, br')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('x-gzipped')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
