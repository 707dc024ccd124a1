import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { monitorLog, type MonitorState } from '../features/transparency/monitor';

/**
 * npm run monitor -- URL [--state FILE]
 * Checks the Trustmark transparency log at URL against the checkpoint it saw last time (kept in FILE,
 * by default .trustmark-monitor.json) and exits 1, loudly, if history was rewritten.
 */
const args = process.argv.slice(2);
const stateFlag = args.indexOf('--state');
const statePath = stateFlag >= 0 ? args[stateFlag + 1] : '.trustmark-monitor.json';
const url = args.find((arg, index) => !arg.startsWith('--') && index !== stateFlag + 1);
if (!url || !statePath || !/^https?:\/\//.test(url)) {
  process.stderr.write('Usage: npm run monitor -- https://trustmark.example [--state FILE]\n');
  process.exit(2);
}
const previous = existsSync(statePath)
  ? (JSON.parse(readFileSync(statePath, 'utf8')) as MonitorState)
  : undefined;
try {
  const result = await monitorLog(url.replace(/\/+$/, ''), previous, (address) => fetch(address));
  if (!result.ok) {
    process.stderr.write(`ALERT: ${result.message}\n`);
    process.exit(1);
  }
  writeFileSync(statePath, `${JSON.stringify(result.state, null, 2)}\n`);
  process.stdout.write(`${result.message}\n`);
} catch (error) {
  process.stderr.write(`Could not check the log: ${(error as Error).message}\n`);
  process.exit(2);
}
