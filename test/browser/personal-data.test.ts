import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { browserSuite, pageSignedInAs, seriousViolations } from '../support/browser';
import { signedInUser } from '../support/flows';

const suite = browserSuite();

describe('a person uses their data rights', () => {
  it('downloads their data and deletes their account', async () => {
    const { client, user } = await signedInUser(suite.server, 'applicant');
    const page = await pageSignedInAs(suite.browser, suite.server.url, client);
    await page.goto('/en/account');
    await page.getByRole('heading', { name: 'Your data' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('trustmark-account-data.json');
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(data.account).toMatchObject({ email: user.email, name: user.name });

    await page.getByRole('link', { name: 'Delete my account' }).click();
    await page.getByRole('heading', { name: 'Delete your account' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Current password').fill(user.password);
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.getByRole('heading', { name: 'Your account has been deleted' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/en/account');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await suite.server.running.services.users.search(user.email)).toEqual([]);
  });
});
