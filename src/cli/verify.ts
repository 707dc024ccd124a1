import { readFileSync } from 'node:fs';
import { httpSources } from '../credentials/http-sources';
import { verifyCredential } from '../credentials/verify';

/**
 * npm run verify -- FILE
 * Verifies a Trustmark credential (VC-JWT) with nothing but what its issuer publishes: the did:web
 * document's keys and the signed status list. Prints each check; exits 0 only when it is valid.
 */
const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
if (!file) {
  process.stderr.write('Usage: npm run verify -- credential.jwt\n');
  process.exit(2);
}
let input: string;
try {
  input = readFileSync(file, 'utf8');
} catch (error) {
  process.stderr.write(`Could not read ${file}: ${(error as Error).message}\n`);
  process.exit(2);
}
const result = await verifyCredential(input, httpSources(), new Date());
for (const check of result.checks) {
  process.stdout.write(`${check.passed ? 'PASS' : 'FAIL'} ${check.name}: ${check.detail}\n`);
}
if (result.claims?.name) process.stdout.write(`Credential: ${result.claims.name}\n`);
process.stdout.write(`Verdict: ${result.verdict}\n`);
process.exit(result.verdict === 'valid' ? 0 : 1);
