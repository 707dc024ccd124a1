// Fails CI when `npm audit --omit=dev` reports a known high or critical vulnerability in what production
// installs. Where the registry's audit endpoint cannot be used (these machines' network answers 405), it
// says so loudly and, unless AUDIT_REQUIRED=1, does not fail: no finding is not the same as no audit.
// Run by Node 24 directly (type stripping), so it uses only erasable TypeScript.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const blockingLevels = ['high', 'critical'];

interface AuditReport {
  message?: string;
  metadata?: { vulnerabilities?: Record<string, number> };
}

export interface AuditVerdict {
  ok: boolean;
  message: string;
}

/** Reads npm audit's JSON report: what to print, and whether it fails the run. */
export function judgeAudit(report: AuditReport, options: { required: boolean }): AuditVerdict {
  const counts = report.metadata?.vulnerabilities;
  if (counts) {
    const found = blockingLevels.reduce((sum, level) => sum + Number(counts[level] ?? 0), 0);
    const summary = Object.entries(counts)
      .map(([level, count]) => `${level} ${count}`)
      .join(', ');
    return found > 0
      ? { ok: false, message: `Dependency audit: ${found} high or critical vulnerabilities (${summary}).` }
      : { ok: true, message: `Dependency audit: no high or critical vulnerability (${summary}).` };
  }
  return {
    ok: !options.required,
    message: `Dependency audit NOT RUN: the registry's audit endpoint could not be used (${report.message ?? 'no report'}).`,
  };
}

function readReport(stdout: string, stderr: string): AuditReport {
  try {
    return JSON.parse(stdout) as AuditReport;
  } catch {
    return { message: (stderr.trim().split('\n')[0] ?? '') || 'unreadable output' };
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
  const verdict = judgeAudit(readReport(run.stdout, run.stderr), {
    required: process.env['AUDIT_REQUIRED'] === '1',
  });
  (verdict.ok ? process.stdout : process.stderr).write(`${verdict.message}\n`);
  process.exit(verdict.ok ? 0 : 1);
}
