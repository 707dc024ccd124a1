import { describe, expect, it } from 'vitest';
import { browserSuite, pageSignedInAs, seriousViolations } from '../support/browser';
import { criteriaWithVersionTwo } from '../support/criteria';
import { temporaryDirectory } from '../support/database';
import { createProduct, startApplication } from '../support/applications';
import { companyWithOwner, signedInUser } from '../support/flows';

const folder = temporaryDirectory();
const suite = browserSuite({ environment: { CRITERIA_DIR: criteriaWithVersionTwo(folder.path) } });

describe('an admin publishes a new criteria version', () => {
  it('compares version 2 with version 1, sees its impact, and publishes it', async () => {
    const { server, browser } = suite;
    const { owner } = await companyWithOwner(server, 'pinned-co');
    await startApplication(owner, 'pinned-co', await createProduct(owner, 'pinned-co'));
    const { client } = await signedInUser(server, 'admin');
    const page = await pageSignedInAs(browser, server.url, client);
    await page.goto('/en/admin/criteria');
    await page.getByRole('heading', { name: 'Criteria versions' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Show the differences' }).click();
    await page.getByRole('heading', { name: 'From version 1 to version 2' }).waitFor();
    await page.getByRole('heading', { name: 'Added (1)' }).waitFor();
    await page.getByText('SEC-09 Memory safety').waitFor();
    await page.getByText('Touches 1 open application and 0 certifications').first().waitFor();
    await page.getByText('Open applications (1)').first().click();
    await page.getByText('Acme Thermostat (pinned-co Ltd)').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'All versions' }).click();
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByText('Version 2 is published').waitFor();
    expect((await server.running.services.criteriaPublications.current()).version).toBe(2);
    folder.remove();
  });
});
