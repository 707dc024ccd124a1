import { describe, expect, it } from 'vitest';
import { createKeptRows } from '../../src/features/registry/search-kept-rows';
import { stateOf } from '../../src/features/registry/search-memory';
import type { CertificationRow } from '../../src/platform/db/schema';

function row(id: string, published = '{}', status = 'active'): CertificationRow {
  return {
    id,
    application_id: id,
    product_id: id,
    organization_id: 'org',
    company_name: 'Acme',
    company_slug: 'acme',
    product_name: id,
    category: 'smart-home',
    model_numbers: '',
    web_page_url: 'https://acme.example/',
    criteria_version: 1,
    status,
    status_reason: '',
    issued_at: '2026-01-01T00:00:00.000Z',
    valid_until: '2028-01-01',
    support_end_date: '2030-01-01',
    published,
    search_text: id,
    search_key: null,
    updated_at: '2026-01-01T00:00:00.000Z',
    openness_level: 1,
  };
}

describe('the rows kept of recent search pages', () => {
  it('hands a row out only in the state asked for', () => {
    const kept = createKeptRows({ rows: 10, bytes: 1_000_000 });
    const one = row('one');
    kept.keep([one]);
    expect(kept.get('one', stateOf(one))).toBe(one);
    expect(kept.get('one', stateOf(row('one', '{}', 'revoked')))).toBeUndefined();
    expect(kept.get('two', stateOf(one))).toBeUndefined();
  });

  it('drops the least recently used beyond its count and its bytes, and keeps no row larger than all of them', () => {
    const byCount = createKeptRows({ rows: 2, bytes: 1_000_000 });
    const [a, b, c] = [row('a'), row('b'), row('c')];
    byCount.keep([a, b]);
    byCount.keep([a]);
    byCount.keep([c]);
    expect(byCount.get('b', stateOf(b))).toBeUndefined();
    expect(byCount.get('a', stateOf(a))).toBe(a);
    expect(byCount.get('c', stateOf(c))).toBe(c);

    // Long published records (answers with long explanations): two fit in 5,000 bytes, three do not.
    const byBytes = createKeptRows({ rows: 100, bytes: 5_000 });
    const long = (id: string) => row(id, 'x'.repeat(1_800));
    const [d, e, f] = [long('d'), long('e'), long('f')];
    byBytes.keep([d, e, f]);
    expect(byBytes.get('d', stateOf(d))).toBeUndefined();
    expect(byBytes.get('f', stateOf(f))).toBe(f);
    const huge = row('huge', 'x'.repeat(10_000));
    byBytes.keep([huge]);
    expect(byBytes.get('huge', stateOf(huge))).toBeUndefined();
    expect(byBytes.get('f', stateOf(f))).toBe(f);
  });
});
