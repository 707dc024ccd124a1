import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../src/features/criteria/rules';
import { samplePdf } from '../support/applications';
import { browserSuite, isolatedContext, seriousViolations, signInThroughForm } from '../support/browser';
import { joinCompany, signInThroughHttp } from '../support/flows';

const suite = browserSuite({ seed: true });

const pdf = samplePdf;

async function answerCriterion(
  page: Page,
  base: string,
  criterion: Criterion,
  options: { upload?: boolean } = {},
) {
  await page.goto(`${base}/criteria/${criterion.id}`);
  await page.getByRole('radio', { name: 'Met', exact: true }).check();
  await page.getByLabel('Explanation').fill(`We meet ${criterion.id}: see the linked documentation.`);
  await page.getByRole('button', { name: 'Save answer' }).click();
  await page.getByText('Your answer has been saved.').waitFor();
  if (criterion.met.includes('evidence')) {
    if (options.upload) {
      await page
        .getByLabel(/^Document/)
        .setInputFiles({ name: 'evidence.pdf', mimeType: 'application/pdf', buffer: pdf });
      await page.getByRole('button', { name: 'Upload document' }).click();
      await page.getByRole('link', { name: 'evidence.pdf' }).waitFor();
    } else {
      await page
        .getByLabel('Link to evidence')
        .fill(`https://demo-devices.example/docs/${criterion.id.toLowerCase()}`);
      await page.getByLabel('What the link shows').fill(`Documentation for ${criterion.id}`);
      await page.getByRole('button', { name: 'Add link' }).click();
      await page.getByRole('link', { name: `Documentation for ${criterion.id}` }).waitFor();
    }
  }
}

async function blockers(page: Page, base: string): Promise<string[]> {
  await page.goto(base);
  const section = page.getByRole('region', { name: 'What still blocks submission' });
  return section.getByRole('listitem').allTextContents();
}

describe('the self-assessment in a browser', () => {
  it('is filled by a team, survives a conflict, shows its blockers, is submitted, and is reused for a second product', async () => {
    const { server, browser } = suite;
    const criteria = (await server.running.services.criteriaPublications.current()).criteria;
    const applicant = server.running.demoCredentials!.accounts.find(
      (account) => account.role === 'applicant',
    )!;
    const ownerHttp = server.client();
    await signInThroughHttp(ownerHttp, applicant.email, applicant.password);
    const { user: mate } = await joinCompany(server, ownerHttp, 'demo-devices');

    const { context, foreignRequests } = await isolatedContext(browser, server.url);
    const page = await context.newPage();
    await page.goto('/en/sign-in');
    await signInThroughForm(page, applicant.email, applicant.password);
    await page.getByRole('link', { name: 'Demo Devices Ltd' }).click();
    await page.getByRole('link', { name: 'Products', exact: true }).click();
    await page.getByRole('link', { name: 'Add a product' }).click();
    await page.getByLabel('Product name').fill('Demo Thermostat');
    await page.getByLabel('Category').selectOption('smart-home');
    await page.getByLabel('Model numbers').fill('DT-1\nDT-1E');
    await page.getByLabel('Product web page').fill('https://demo-devices.example/thermostat');
    await page.getByLabel('Short description').fill('Keeps the heating right, online or not.');
    await page.getByLabel('Current firmware version').fill('1.0.3');
    await page.getByLabel('Security updates until').fill('2032-06-30');
    await page.getByRole('button', { name: 'Save product' }).click();
    await page.getByText('The product has been added.').waitFor();
    await page.getByRole('button', { name: 'Start application' }).click();
    await page.getByRole('heading', { name: 'Application for Demo Thermostat' }).waitFor();
    const base = new URL(page.url()).pathname;
    expect(await seriousViolations(page)).toEqual([]);
    const open = criteria.filter((criterion) => criterion.level !== 'optional').length;
    expect((await blockers(page, base))[0]).toBe(
      `${open} criteria are not answered yet – see the task list below.`,
    );

    // Everything but one criterion, with links, and a document for SEC-02.
    const last = criteria.find((criterion) => criterion.id === 'STA-03')!;
    for (const criterion of criteria.filter((candidate) => candidate !== last)) {
      await answerCriterion(page, base, criterion, { upload: criterion.id === 'SEC-02' });
    }
    expect(await blockers(page, base)).toEqual(['STA-03 End-of-life plan: not answered yet']);

    // The teammate and the owner edit the same answer at once; the teammate sees both and chooses.
    const { context: mateContext } = await isolatedContext(browser, server.url);
    const matePage = await mateContext.newPage();
    await matePage.goto('/en/sign-in');
    await signInThroughForm(matePage, mate.email, mate.password);
    await matePage.goto(`${base}/criteria/STA-03`);
    await page.goto(`${base}/criteria/STA-03`);
    await page.getByRole('radio', { name: 'Met', exact: true }).check();
    await page.getByLabel('Explanation').fill('Owner: devices keep working locally after support ends.');
    await page.getByRole('button', { name: 'Save answer' }).click();
    await page.getByText('Your answer has been saved.').waitFor();
    await matePage.getByRole('radio', { name: 'Met', exact: true }).check();
    await matePage.getByLabel('Explanation').fill('Teammate: we publish the protocol when support ends.');
    await matePage.getByRole('button', { name: 'Save answer' }).click();
    await matePage.getByRole('heading', { name: 'Someone else saved this answer meanwhile' }).waitFor();
    expect(await matePage.getByText('Owner: devices keep working locally after support ends.').count()).toBe(
      1,
    );
    expect(await seriousViolations(matePage)).toEqual([]);
    await matePage
      .getByLabel('Explanation')
      .fill('Devices keep working locally after support ends, and we publish the protocol then.');
    await matePage.getByRole('button', { name: 'Save my version' }).click();
    await matePage.getByText('Your answer has been saved.').waitFor();
    await matePage.getByLabel('Link to evidence').fill('https://demo-devices.example/end-of-life');
    await matePage.getByLabel('What the link shows').fill('End-of-life policy');
    await matePage.getByRole('button', { name: 'Add link' }).click();
    await matePage.getByRole('link', { name: 'End-of-life policy' }).waitFor();
    await mateContext.close();

    expect(await blockers(page, base)).toEqual([]);
    await page.getByText('Nothing blocks submission.').waitFor();
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Your application has been submitted.').waitFor();
    // The demo's two reviewers have not set up two-factor authentication yet, and reviewers without it are
    // never assigned: the submission waits for them in the queue.
    expect(await page.getByRole('heading', { name: 'Waiting for reviewers' }).count()).toBe(1);

    // A second product starts from the first; every copied answer needs a person's confirmation.
    await page.goto('/en/companies/demo-devices/products/new');
    await page.getByLabel('Product name').fill('Demo Thermostat Mini');
    await page.getByLabel('Model numbers').fill('DT-M');
    await page.getByLabel('Product web page').fill('https://demo-devices.example/mini');
    await page.getByLabel('Short description').fill('The small one.');
    await page.getByLabel('Current firmware version').fill('1.0.0');
    await page.getByLabel('Security updates until').fill('2032-06-30');
    await page.getByRole('button', { name: 'Save product' }).click();
    await page
      .getByLabel('Reuse answers from')
      .selectOption({ label: 'Demo Thermostat – Criteria version 1 – Submitted – waiting for reviewers' });
    await page.getByRole('button', { name: 'Start application' }).click();
    const second = new URL(page.url()).pathname;
    expect(await blockers(page, second)).toHaveLength(
      criteria.filter((criterion) => criterion.level !== 'optional' || true).length,
    );
    for (const criterion of criteria) {
      await page.goto(`${second}/criteria/${criterion.id}`);
      await page.getByText('Copied from an earlier application.').waitFor();
      await page.getByRole('button', { name: 'Save answer' }).click();
      await page.getByText('Your answer has been saved.').waitFor();
    }
    expect(await blockers(page, second)).toEqual([]);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Your application has been submitted.').waitFor();

    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('saves an answer by itself while a person types', async () => {
    const { server, browser } = suite;
    const applicant = server.running.demoCredentials!.accounts.find(
      (account) => account.role === 'applicant',
    )!;
    const { context } = await isolatedContext(browser, server.url);
    const page = await context.newPage();
    await page.goto('/en/sign-in');
    await signInThroughForm(page, applicant.email, applicant.password);
    await page.goto('/en/companies/demo-devices/products/new');
    await page.getByLabel('Product name').fill('Autosave Lamp');
    await page.getByLabel('Model numbers').fill('AL-1');
    await page.getByLabel('Product web page').fill('https://demo-devices.example/lamp');
    await page.getByLabel('Short description').fill('A lamp.');
    await page.getByLabel('Current firmware version').fill('0.9');
    await page.getByLabel('Security updates until').fill('2030-01-31');
    await page.getByRole('button', { name: 'Save product' }).click();
    await page.getByRole('button', { name: 'Start application' }).click();
    const base = new URL(page.url()).pathname;
    await page.goto(`${base}/criteria/PRI-02`);
    await page.getByRole('radio', { name: 'Met', exact: true }).check();
    await page.getByLabel('Explanation').pressSequentially('Only the temperature is stored.');
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.reload();
    expect(await page.getByLabel('Explanation').inputValue()).toBe('Only the temperature is stored.');
    expect(await page.getByRole('radio', { name: 'Met', exact: true }).isChecked()).toBe(true);
    await context.close();
  });
});
