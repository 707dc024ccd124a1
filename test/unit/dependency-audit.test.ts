import { describe, expect, it } from 'vitest';
import { judgeAudit } from '../../scripts/audit-dependencies';

describe('the dependency audit in CI', () => {
  it('fails on a high or critical vulnerability and names the counts', () => {
    const verdict = judgeAudit(
      { metadata: { vulnerabilities: { info: 0, low: 2, moderate: 1, high: 1, critical: 0, total: 4 } } },
      { required: false },
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toContain('1 high or critical');
    expect(verdict.message).toContain('low 2');
  });

  it('passes when only low and moderate issues are known', () => {
    const verdict = judgeAudit(
      { metadata: { vulnerabilities: { low: 3, moderate: 1, high: 0, critical: 0 } } },
      { required: false },
    );
    expect(verdict).toEqual({
      ok: true,
      message: 'Dependency audit: no high or critical vulnerability (low 3, moderate 1, high 0, critical 0).',
    });
  });

  it('says loudly that it did not run when the endpoint refuses, and fails when an audit is required', () => {
    const refused = { message: '405 Method Not Allowed - POST …/advisories/bulk' };
    expect(judgeAudit(refused, { required: false })).toEqual({
      ok: true,
      message:
        "Dependency audit NOT RUN: the registry's audit endpoint could not be used (405 Method Not Allowed - POST …/advisories/bulk).",
    });
    expect(judgeAudit(refused, { required: true }).ok).toBe(false);
  });
});
