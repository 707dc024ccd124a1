import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf, samplePng } from '../support/applications';
import { signedInUser } from '../support/flows';
import { inputValue, type HttpClient } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let admin: HttpClient;

beforeAll(async () => {
  server = await startTestServer();
  ({ client: admin } = await signedInUser(server, 'admin'));
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const post = (fields: Record<string, string>) => ({
  locale: 'en',
  slug: 'lessons-from-year-one',
  title: 'Lessons from year one',
  summary: 'What a year of reviews taught us.',
  body: 'We learned **three** things.',
  status: 'draft',
  publishAt: '',
  imageAlt: '',
  updatedAt: '',
  ...fields,
});

const postIdOf = (location: string | null | undefined) => location!.split('/admin/news/')[1]!.split('?')[0]!;

describe('news posts written by admins', () => {
  it('are drafts until published, then appear in the news list and the Atom feed', async () => {
    const visitor = server.client();
    const created = await admin.post('/en/admin/news', post({}));
    expect(created.status).toBe(303);
    const id = postIdOf(created.location);
    expect((await admin.get('/en/admin/news')).text).toContain('Draft');
    expect((await visitor.get('/en/news')).text).not.toContain('Lessons from year one');
    expect((await visitor.get('/en/news/lessons-from-year-one')).status).toBe(404);
    expect((await visitor.get('/en/news/feed.atom')).text).not.toContain('Lessons from year one');

    const form = await admin.get(`/en/admin/news/${id}`);
    const published = await admin.post(
      `/en/admin/news/${id}`,
      post({ status: 'published', updatedAt: inputValue(form.text, 'updatedAt') }),
    );
    expect(published.status).toBe(303);
    expect((await visitor.get('/en/news')).text).toContain('Lessons from year one');
    const article = await visitor.get('/en/news/lessons-from-year-one');
    expect(article.status).toBe(200);
    expect(article.text).toContain('<strong>three</strong>');
    const feed = await visitor.get('/en/news/feed.atom');
    expect(feed.text).toContain('Lessons from year one');
    expect(feed.text).toContain('/en/news/lessons-from-year-one');
    // A post belongs to its language.
    expect((await visitor.get('/de/news')).text).not.toContain('Lessons from year one');
    const entries = await server.running.services.audit.search({ action: 'news-saved' }, 10);
    expect(entries.map((entry) => entry.subject_id)).toContain(id);
  });

  it('schedules a post for a time to come, and renders Markdown without running anything', async () => {
    const scheduled = await admin.post(
      '/en/admin/news',
      post({
        slug: 'coming-soon',
        title: 'Coming soon',
        status: 'published',
        publishAt: '2099-01-01T09:00',
        body: 'Hello <script>alert(1)</script> [click](javascript:alert(1))',
      }),
    );
    expect(scheduled.status).toBe(303);
    const id = postIdOf(scheduled.location);
    expect((await admin.get('/en/admin/news')).text).toContain('Scheduled');
    expect((await server.client().get('/en/news/coming-soon')).status).toBe(404);
    const preview = await admin.get(`/en/admin/news/${id}`);
    expect(preview.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(preview.text).not.toContain('<script>alert');
    expect(preview.text).not.toContain('href="javascript:');
  });

  it('explains bad input, keeps what was typed, and refuses a second post at the same address', async () => {
    const bad = await admin.post(
      '/en/admin/news',
      post({ slug: 'Not A Slug', publishAt: '2026-02-31T09:00', title: 'Kept title' }),
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Use lowercase letters, digits and single dashes');
    expect(bad.text).toContain('Please enter a date and time like 2026-12-24T09:00.');
    expect(bad.text).toContain('Kept title');
    expect((await admin.post('/en/admin/news', post({ slug: 'one-address' }))).status).toBe(303);
    const taken = await admin.post('/en/admin/news', post({ slug: 'one-address', title: 'Same address' }));
    expect(taken.status).toBe(422);
    expect(taken.text).toContain('Another post in this language already uses this address.');
  });

  it('shows a conflict instead of overwriting when two admins save the same post', async () => {
    const { client: second } = await signedInUser(server, 'admin');
    const created = await admin.post('/en/admin/news', post({ slug: 'shared-draft', title: 'Shared draft' }));
    const id = postIdOf(created.location);
    const seen = inputValue((await admin.get(`/en/admin/news/${id}`)).text, 'updatedAt');
    expect(
      (
        await admin.post(
          `/en/admin/news/${id}`,
          post({ slug: 'shared-draft', title: 'First wins', updatedAt: seen }),
        )
      ).status,
    ).toBe(303);
    const late = await second.post(
      `/en/admin/news/${id}`,
      post({ slug: 'shared-draft', title: 'Second arrives late', updatedAt: seen }),
    );
    expect(late.status).toBe(409);
    expect(late.text).toContain('Someone else saved this item while you were editing it.');
    expect(late.text).toContain('Second arrives late');
    expect((await server.running.services.news.find(id))?.title).toBe('First wins');
  });

  it('carries an image, public once the post is, with a description required', async () => {
    const created = await admin.post(
      '/en/admin/news',
      post({ slug: 'with-picture', title: 'With a picture' }),
    );
    const id = postIdOf(created.location);
    const wrong = await admin.upload(`/en/admin/news/${id}/image`, 'image', samplePdf, 'not-a-picture.pdf');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Please upload a PNG, JPEG or WebP image.');
    expect((await admin.upload(`/en/admin/news/${id}/image`, 'image', samplePng, 'pixel.png')).status).toBe(
      303,
    );
    expect((await server.client().get(`/news-images/${id}`)).status).toBe(404);
    expect((await admin.get(`/news-images/${id}`)).status).toBe(200);

    const seen = inputValue((await admin.get(`/en/admin/news/${id}`)).text, 'updatedAt');
    const missingAlt = await admin.post(
      `/en/admin/news/${id}`,
      post({ slug: 'with-picture', title: 'With a picture', status: 'published', updatedAt: seen }),
    );
    expect(missingAlt.status).toBe(422);
    const published = await admin.post(
      `/en/admin/news/${id}`,
      post({
        slug: 'with-picture',
        title: 'With a picture',
        status: 'published',
        imageAlt: 'A single transparent pixel',
        updatedAt: seen,
      }),
    );
    expect(published.status).toBe(303);
    const article = await server.client().get('/en/news/with-picture');
    expect(article.text).toContain(`<img src="/news-images/${id}" alt="A single transparent pixel"`);
    const image = await server.client().get(`/news-images/${id}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-security-policy')).toContain('sandbox');

    expect((await admin.post(`/en/admin/news/${id}/delete`, {})).status).toBe(303);
    expect((await server.client().get('/en/news/with-picture')).status).toBe(404);
  });
});

describe('partners kept by admins', () => {
  it('are added with a logo, shown on the partners page, edited and removed', async () => {
    const fields = {
      name: 'Institute of Careful Devices',
      url: 'https://careful.example',
      kind: 'academia',
      descriptionEn: 'Researches how connected products fail their users.',
      descriptionDe: 'Erforscht, wie vernetzte Produkte ihre Nutzer enttäuschen.',
      sortOrder: '1',
      updatedAt: '',
    };
    const bad = await admin.post('/en/admin/partners', {
      ...fields,
      url: 'careful dot example',
      sortOrder: 'x',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Please enter a full web address');
    expect(bad.text).toContain('Please enter a whole number from 0 to 999.');
    expect(bad.text).toContain('Institute of Careful Devices');

    const created = await admin.post('/en/admin/partners', fields);
    expect(created.status).toBe(303);
    const id = created.location!.split('/admin/partners/')[1]!.split('?')[0]!;
    expect((await admin.upload(`/en/admin/partners/${id}/logo`, 'logo', samplePng, 'logo.png')).status).toBe(
      303,
    );

    const partners = await server.client().get('/en/partners');
    expect(partners.text).toContain('Institute of Careful Devices');
    expect(partners.text).toContain(`src="/partner-logos/${id}" alt="Logo of Institute of Careful Devices"`);
    expect((await server.client().get('/de/partners')).text).toContain('Erforscht, wie vernetzte Produkte');
    expect((await server.client().get(`/partner-logos/${id}`)).headers.get('content-type')).toBe('image/png');

    const seen = inputValue((await admin.get(`/en/admin/partners/${id}`)).text, 'updatedAt');
    const edited = await admin.post(`/en/admin/partners/${id}`, {
      ...fields,
      name: 'Institute of Very Careful Devices',
      updatedAt: seen,
    });
    expect(edited.status).toBe(303);
    const stale = await admin.post(`/en/admin/partners/${id}`, { ...fields, updatedAt: seen });
    expect(stale.status).toBe(409);
    expect((await server.client().get('/en/partners')).text).toContain('Institute of Very Careful Devices');

    expect((await admin.post(`/en/admin/partners/${id}/delete`, {})).status).toBe(303);
    expect((await server.client().get('/en/partners')).text).not.toContain('Careful Devices');
    expect((await server.client().get(`/partner-logos/${id}`)).status).toBe(404);
  });
});
