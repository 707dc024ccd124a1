import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { issuerDidFrom } from '../features/credentials/did';
import { httpSources } from '../features/credentials/http-sources';
import { verifyCredential } from '../features/credentials/verify';

/**
 * npm run verify -- [--issuer https://trustmark.example | did:web:…] FILE
 * Verifies a Trustmark credential (VC-JWT) with nothing but what its issuer publishes: the did:web
 * document's keys and the signed status list. Only this program's credentials can pass: the program is
 * named by --issuer, or else by the configured BASE_URL; a credential of any other issuer, however it
 * names itself, is "not issued by this program". Prints each check; exits 0 only when it is valid.
 */
const usage =
  'Usage: npm run verify -- [--issuer https://trustmark.example] credential.jwt\n' +
  'The program whose credentials are trusted is --issuer (its address or did:web), or else BASE_URL.\n';

function fail(text: string): never {
  process.stderr.write(`${text}\n`);
  process.exit(2);
}

let options: { issuer?: string };
let positionals: string[];
try {
  ({ values: options, positionals } = parseArgs({
    options: { issuer: { type: 'string' } },
    allowPositionals: true,
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
const file = positionals[0];
if (!file || positionals.length > 1) fail(usage.trimEnd());
const named = options.issuer ?? process.env['BASE_URL'];
if (!named) fail(`Which program's credentials should be trusted? Give --issuer or set BASE_URL.\n${usage}`);
let trustedIssuer: string;
try {
  trustedIssuer = issuerDidFrom(named);
} catch (error) {
  fail(`${options.issuer === undefined ? 'BASE_URL' : '--issuer'}: ${(error as Error).message}`);
}
let input: string;
try {
  input = readFileSync(file, 'utf8');
} catch (error) {
  fail(`Could not read ${file}: ${(error as Error).message}`);
}
process.stdout.write(`Trusted issuer: ${trustedIssuer}\n`);
// An issuer named by its https:// address is read over HTTPS even on a loopback host (behind a TLS proxy).
const scheme = named.startsWith('https://') ? 'https' : undefined;
const result = await verifyCredential(input, httpSources(trustedIssuer, fetch, scheme), new Date());
for (const check of result.checks) {
  const outcome = check.passed ? 'PASS' : check.checked ? 'FAIL' : 'SKIP';
  process.stdout.write(`${outcome} ${check.name}: ${check.detail}\n`);
}
// As on the Verify page, what an invalid credential says about itself is not repeated.
if (result.claims?.name && result.verdict !== 'invalid')
  process.stdout.write(`Credential: ${result.claims.name}\n`);
process.stdout.write(`Verdict: ${result.verdict}\n`);
process.exit(result.verdict === 'valid' ? 0 : 1);
