import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicPagePaths } from '../support/pages';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: true });
});
afterAll(async () => {
  await server?.close();
});

const publicPages = [...publicPagePaths, '/forgot-password'];

describe('public pages', () => {
  for (const locale of ['en', 'de'] as const) {
    for (const path of publicPages) {
      it(`serves /${locale}${path} in its language with strict security headers and no cookie`, async () => {
        const response = await server.client().get(`/${locale}${path}`);
        expect(response.status).toBe(200);
        expect(response.text.startsWith('<!DOCTYPE html>')).toBe(true);
        expect(response.text).toContain(`<html lang="${locale}">`);

        const csp = response.headers.get('content-security-policy') ?? '';
        // Scripts only from this site; no nonce, as there is no inline script a nonce would allow.
        expect(csp).toContain("script-src 'self';");
        expect(csp).not.toContain('nonce-');
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain('unsafe-eval');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
        expect(response.headers.getSetCookie()).toEqual([]);

        // No inline script, and nothing that a browser would load from another host.
        expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
        const loaded = [
          ...response.text.matchAll(/<(?:script|img|link|iframe|source)\b[^>]*\b(?:src|href)="([^"]+)"/g),
        ].map((match) => match[1] ?? '');
        expect(loaded.filter((url) => /^(https?:)?\/\//.test(url))).toEqual([]);
      });
    }
  }

  it('sends visitors from / to the language their browser prefers', async () => {
    const german = await server.client().get('/', { 'accept-language': 'de-CH,de;q=0.9,en;q=0.5' });
    expect(german.status).toBe(302);
    expect(german.location).toBe('/de');
    const fallback = await server.client().get('/', { 'accept-language': 'fr-FR' });
    expect(fallback.location).toBe('/en');
  });

  it('answers an unknown language or page with a helpful 404 page', async () => {
    for (const path of ['/fr', '/fr/contact', '/en/no-such-page', '/en/news/no-such-post']) {
      const response = await server.client().get(path);
      expect(response.status, path).toBe(404);
      expect(response.text).toContain('Page not found');
      expect(response.text).toContain('Back to the home page');
    }
  });

  it('describes all five dimensions, with openness encouraged but not required', async () => {
    const page = await server.client().get('/en/dimensions');
    for (const name of [
      'Privacy &amp; data practices',
      'Transparency',
      'Security',
      'Stability',
      'Openness',
    ]) {
      expect(page.text).toContain(name);
    }
    expect(page.text.match(/class="tag tag-required"/g)).toHaveLength(4);
    expect(page.text).toContain('Encouraged, not required');
  });

  it('lists partners from the database with their descriptions in the page language', async () => {
    const german = await server.client().get('/de/partners');
    expect(german.text).toContain('Institute for Connected Living (example)');
    expect(german.text).toContain('Ein Universitätslabor');
  });

  it('serves the self-hosted stylesheet, script and logo', async () => {
    for (const asset of ['/assets/styles.css', '/assets/logo.svg', '/assets/app.js']) {
      const response = await server.client().get(asset);
      expect(response.status, asset).toBe(200);
    }
  });

  it('sends pages and assets gzip-compressed to clients that accept it, and plain to those that do not', async () => {
    for (const path of ['/en', '/assets/styles.css', '/assets/app.js']) {
      const compressed = await server.client().get(path, { 'accept-encoding': 'gzip' });
      expect(compressed.status, path).toBe(200);
      expect(compressed.headers.get('content-encoding'), path).toBe('gzip');
      expect(compressed.text.length, path).toBeGreaterThan(1000);
      const plain = await server.client().get(path, { 'accept-encoding': 'identity' });
      expect(plain.headers.get('content-encoding'), path).toBeNull();
      expect(plain.text, path).toBe(compressed.text);
    }
  });
});

describe('news', () => {
  it('lists published posts newest first and renders a post from Markdown', async () => {
    const list = await server.client().get('/en/news');
    const titles = [...list.text.matchAll(/<h2><a href="\/en\/news\/([^"]+)"/g)].map((match) => match[1]);
    expect(titles).toEqual([
      'lessons-from-the-first-reviews',
      'why-support-periods-matter',
      'applications-are-open',
    ]);

    const post = await server.client().get('/en/news/lessons-from-the-first-reviews');
    expect(post.status).toBe(200);
    expect(post.text).toContain('<ol>');
    expect(post.text).toContain('<time datetime="2026-11-10T09:00:00.000Z">10 November 2026</time>');
  });

  it('keeps each language’s posts apart', async () => {
    const german = await server.client().get('/de/news');
    expect(german.text).toContain('Bewerbungen sind geöffnet');
    expect(german.text).not.toContain('Applications are open');
  });

  it('does not show a post before its publication time', async () => {
    await server.running.services.news.insert({
      id: 'future-post',
      locale: 'en',
      slug: 'not-yet',
      title: 'Embargoed announcement',
      summary: 'Not yet.',
      body_markdown: 'Secret until tomorrow.',
      published_at: new Date(Date.now() + 86_400_000).toISOString(),
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    });
    expect((await server.client().get('/en/news')).text).not.toContain('Embargoed announcement');
    expect((await server.client().get('/en/news/not-yet')).status).toBe(404);
    expect((await server.client().get('/en/news/feed.atom')).text).not.toContain('Embargoed announcement');
  });

  it('escapes HTML written into a post instead of running it', async () => {
    await server.running.services.news.insert({
      id: 'hostile-post',
      locale: 'en',
      slug: 'hostile',
      title: 'Hostile <script>alert(1)</script>',
      summary: 'Markup test',
      body_markdown: '<img src=x onerror=alert(1)> [click](javascript:alert(1))',
      published_at: new Date(Date.now() - 1000).toISOString(),
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    });
    try {
      const page = await server.client().get('/en/news/hostile');
      expect(page.text).not.toContain('<script>alert(1)</script>');
      expect(page.text).not.toContain('<img src=x');
      expect(page.text).not.toContain('href="javascript:');
      expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    } finally {
      // A published post would change the news list another test reads.
      await server.running.services.news.remove('hostile-post');
    }
  });

  it('publishes an Atom feed per language', async () => {
    const response = await server.client().get('/de/news/feed.atom');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/atom+xml');
    expect(response.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(response.text).toContain(`<id>${server.url}/de/news</id>`);
    expect(response.text).toContain('Erfahrungen aus den ersten Prüfungen');
    expect(response.text.match(/<entry>/g)).toHaveLength(3);
  });
});
