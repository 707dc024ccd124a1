import { describe, expect, it } from 'vitest';
import { browserSuite, pageSignedInAs, seriousViolations } from '../support/browser';
import { signedInUser } from '../support/flows';

const suite = browserSuite();

describe('an admin runs the program', () => {
  it('publishes a post, adds a partner, and pauses and resumes reviews', async () => {
    const { server, browser } = suite;
    const { client } = await signedInUser(server, 'admin');
    const page = await pageSignedInAs(browser, server.url, client);

    await page.goto('/en/admin/news');
    await page.getByRole('link', { name: 'Write a post' }).click();
    await page.getByLabel('Short name for the address').fill('a-year-of-reviews');
    await page.getByLabel('Title').fill('A year of reviews');
    await page.getByLabel('Summary').fill('What twelve months of expert review taught us.');
    await page
      .getByLabel('Text (Markdown)')
      .fill('Reviewers asked **hard questions**, and companies answered.');
    await page.getByLabel('Status').selectOption('published');
    await page.getByRole('button', { name: 'Save post' }).click();
    await page.getByText('The post has been saved.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/en/news');
    await page.getByRole('link', { name: 'A year of reviews' }).click();
    await page.getByText('hard questions').waitFor();
    const feed = await page.request.get('/en/news/feed.atom');
    expect(await feed.text()).toContain('A year of reviews');

    await page.goto('/en/admin/partners');
    await page.getByLabel('Name').fill('Open Hardware Circle');
    await page.getByLabel('Website').fill('https://open-hardware.example');
    await page.getByLabel('Kind').selectOption('civil-society');
    await page.getByLabel('Description (English)').fill('Makers who publish their designs.');
    await page.getByLabel('Description (German)').fill('Leute, die ihre Entwürfe veröffentlichen.');
    await page.getByRole('button', { name: 'Save partner' }).click();
    await page.getByText('The partner has been saved.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/en/partners');
    await page.getByRole('heading', { name: 'Open Hardware Circle' }).waitFor();

    await page.goto('/en/admin/reviews');
    await page.getByLabel('Public notice (English)').fill('Reviews pause while we train new reviewers.');
    await page.getByRole('button', { name: 'Pause reviews' }).click();
    await page.getByText('Reviews are paused. The notice is shown on every page.').waitFor();
    await page.goto('/en');
    await page.getByText('Reviews pause while we train new reviewers.').waitFor();
    await page.goto('/en/admin/reviews');
    await page.getByRole('button', { name: 'Resume reviews' }).click();
    await page.getByText('Reviews have resumed.').waitFor();
    await page.goto('/en');
    expect(await page.getByText('Reviews pause while we train new reviewers.').count()).toBe(0);
  });
});
