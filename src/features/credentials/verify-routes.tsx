import type { Context } from 'hono';
import { describeFinding, verifyCredential, type Verification } from './verify';
import { formatDate } from '../../platform/i18n';
import type { AppEnv } from '../../platform/web/env';
import type { FieldErrors, FormValues } from '../../platform/web/forms';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { Field, PageHeader } from '../../platform/web/views/components';
import { page } from '../../platform/web/views/layout';

type Ctx = Context<AppEnv>;

/** A credential is a few kilobytes; anything far beyond is not one. */
const maximumCredentialBytes = 64 * 1024;

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

function verifyPage(
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

/**
 * The Verify page: anyone pastes or uploads a credential and reads, check by check, what passed, what
 * failed and what was not checked. It uses the same verifier and the same trust decision as
 * `npm run verify`, fed from this instance's own keys and status lists, so a credential from elsewhere
 * is "not issued by this program" and nothing of it is fetched.
 */
export function registerVerifyRoutes(routes: RouteRegistry, services: AppServices): void {
  routes.get('/:locale/verify', 'public', (c) => verifyPage(c));

  routes.post(
    '/:locale/verify',
    'public',
    // Room for a credential pasted and uploaded at once.
    { maxBytes: maximumCredentialBytes * 2 + 16 * 1024, message: (m) => m.verify.tooLarge },
    async (c) => {
      const m = c.get('m');
      const body = await c.req.parseBody();
      const pasted = typeof body['credential'] === 'string' ? body['credential'] : '';
      const file = body['file'] instanceof File && body['file'].size > 0 ? body['file'] : undefined;
      const values = { credential: pasted.slice(0, maximumCredentialBytes) };
      if (file && file.size > maximumCredentialBytes)
        return verifyPage(c, { errors: { credential: m.verify.tooLarge }, values, status: 413 });
      let input = pasted;
      if (file) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        try {
          input = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          return verifyPage(c, { errors: { credential: m.verify.notText }, values, status: 400 });
        }
      }
      if (input.trim() === '')
        return verifyPage(c, { errors: { credential: m.verify.empty }, values, status: 400 });
      if (input.length > maximumCredentialBytes)
        return verifyPage(c, { errors: { credential: m.verify.tooLarge }, values, status: 413 });
      const result = await verifyCredential(input, services.credentials.localSources(), services.now());
      return verifyPage(c, { values: { credential: file ? '' : pasted }, result });
    },
  );
}
