import type { Context } from 'hono';
import { describeFinding, type Verification } from '../verify';
import { formatDate } from '../../../platform/i18n';
import type { AppEnv } from '../../../platform/web/env';
import type { FieldErrors, FormValues } from '../../../platform/web/forms';
import { Field, PageHeader } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';

type Ctx = Context<AppEnv>;

function VerificationResult({ result, c }: { result: Verification; c: Ctx }) {
  const m = c.get('m');
  const locale = c.get('locale');
  const good = result.verdict === 'valid';
  return (
    <section class="card" aria-labelledby="result-title" id="result">
      <h2 id="result-title">{m.verify.resultTitle}</h2>
      <p
        class={`notice ${good ? 'notice-success' : 'notice-warning'}`}
        role="status"
        data-verdict={result.verdict}
      >
        <strong>{m.verify.verdicts[result.verdict] ?? result.verdict}</strong>
      </p>
      <ul class="plain-list check-list">
        {result.checks.map((check) => (
          <li data-check={check.name} data-passed={String(check.passed)} data-checked={String(check.checked)}>
            <strong>
              {check.passed ? '✓' : check.checked ? '✗' : '–'} {m.verify.checks[check.name] ?? check.name}:{' '}
              {check.passed ? m.verify.passed : check.checked ? m.verify.failed : m.verify.notChecked}
            </strong>{' '}
            – {describeFinding(m.verify.findings, check.finding)}
          </li>
        ))}
      </ul>
      {result.claims && result.verdict !== 'invalid' ? (
        <>
          <h3>{m.verify.says}</h3>
          <dl class="facts">
            <dt>{m.verify.name}</dt>
            <dd>{result.claims.name}</dd>
            <dt>{m.verify.subject}</dt>
            <dd>
              <a href={result.claims.subject}>{result.claims.subject}</a>
            </dd>
            <dt>{m.verify.validFrom}</dt>
            <dd>{formatDate(locale, result.claims.validFrom)}</dd>
            <dt>{m.verify.validUntil}</dt>
            <dd>{formatDate(locale, result.claims.validUntil)}</dd>
          </dl>
        </>
      ) : null}
    </section>
  );
}

/** The Verify page: the form, and once a credential was sent, what its checks found. */
export function verifyPage(
  c: Ctx,
  options: { errors?: FieldErrors; values?: FormValues; result?: Verification; status?: 400 | 413 } = {},
) {
  const m = c.get('m');
  const locale = c.get('locale');
  const error = options.errors?.['credential'];
  return page(
    c,
    { title: m.verify.title, status: options.status },
    <>
      <PageHeader title={m.verify.title} lead={m.verify.lead} />
      {options.result ? <VerificationResult result={options.result} c={c} /> : null}
      <form method="post" action={`/${locale}/verify`} class="form" enctype="multipart/form-data" novalidate>
        {error ? (
          <div class="error-summary" role="alert" tabindex={-1}>
            <p>
              <strong>{m.verify.errorTitle}</strong>
            </p>
            <ul>
              <li>
                <a href="#credential">{error}</a>
              </li>
            </ul>
          </div>
        ) : null}
        <Field
          name="credential"
          label={m.verify.credential}
          hint={m.verify.credentialHint}
          multiline
          required={false}
          errors={options.errors}
          values={options.values}
        />
        <div class="field">
          <label for="file">{m.verify.file}</label>
          <input id="file" name="file" type="file" accept=".jwt,.txt,application/vc+jwt,text/plain" />
        </div>
        <button type="submit" class="button">
          {m.verify.submit}
        </button>
      </form>
      <p>{m.verify.commandLine}</p>
      <p>
        {m.verify.keys} <a href="/.well-known/did.json">did.json</a> ·{' '}
        <a href="/.well-known/jwks.json">jwks.json</a>
      </p>
    </>,
  );
}
