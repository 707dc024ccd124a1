import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as OTPAuth from 'otpauth';
import type { Topology } from '../../scripts/topology/topology';
import type { TopologyClient } from './client';

const run = promisify(execFile);

export interface Account {
  email: string;
  password: string;
  totpSecret?: string;
}

/** Signs in through the form; with two-factor on, answers with a code of the next time step unused. */
export async function signIn(client: TopologyClient, account: Account): Promise<void> {
  const response = await client.post('/en/sign-in', { ...account, next: '/en/account' });
  if (response.status !== 303) throw new Error(`sign-in of ${account.email} answered ${response.status}`);
  if (!response.location?.includes('/sign-in/two-factor')) return;
  const second = await client.post('/en/sign-in/two-factor', {
    code: totpCode(account, 1),
    next: '/en/account',
  });
  if (second.status !== 303) throw new Error(`second factor of ${account.email} answered ${second.status}`);
}

function totpCode(account: Account, stepsAhead: number): string {
  if (!account.totpSecret) throw new Error(`${account.email} has no second factor`);
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(account.totpSecret),
    digits: 6,
    period: 30,
  });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/** Turns on two-factor authentication through the account pages (staff must before they act). */
export async function enableTwoFactor(client: TopologyClient, account: Account): Promise<void> {
  const scan = await client.post('/en/account/two-factor', { password: account.password });
  const secret = /data-testid="totp-secret">([A-Z2-7=]+)</.exec(scan.text)?.[1];
  if (scan.status !== 200 || !secret) throw new Error(`two-factor setup answered ${scan.status}`);
  account.totpSecret = secret;
  const confirmed = await client.post('/en/account/two-factor/confirm', {
    code: totpCode(account, 0),
    totpUri: inputValue(scan.text, 'totpUri'),
    backupCodes: inputValue(scan.text, 'backupCodes'),
  });
  if (confirmed.status !== 303) throw new Error(`confirming two-factor answered ${confirmed.status}`);
}

export function inputValue(html: string, name: string): string {
  const value = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no input ${name}`);
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Runs one of the built command-line tools (dist/<name>.js) as an operator would, configured as the app. */
export async function operatorCommand(
  topology: Topology,
  name: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [`dist/${name}.js`, ...args], {
      env: {
        PATH: process.env['PATH'] ?? '',
        ...topology.environment,
        NODE_EXTRA_CA_CERTS: topology.certificates.caCertificate,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

export interface LoadCount {
  requests: number;
  failed: number;
  failures: string[];
}

/**
 * A steady load through nginx until `stop` is called: two workers asking for pages as fast as they are
 * answered, one asking the API four times a second (within its rate limit). A failure is any answer that
 * is not 200, or no answer at all.
 */
export function steadyLoad(client: TopologyClient): { stop: () => Promise<LoadCount> } {
  const count: LoadCount = { requests: 0, failed: 0, failures: [] };
  let running = true;
  const ask = async (path: string) => {
    count.requests += 1;
    try {
      const answer = await client.get(path);
      if (answer.status !== 200) throw new Error(`${answer.status}`);
    } catch (error) {
      count.failed += 1;
      count.failures.push(`${path}: ${(error as Error).message}`);
    }
  };
  const pages = async (paths: string[]) => {
    for (let at = 0; running; at++) await ask(paths[at % paths.length] ?? '/en');
  };
  const api = async () => {
    while (running) {
      await Promise.all([ask('/api/v1/products'), new Promise((resolve) => setTimeout(resolve, 250))]);
    }
  };
  const workers = [pages(['/en/products', '/en']), pages(['/de/products', '/en/open-data']), api()];
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return count;
    },
  };
}
