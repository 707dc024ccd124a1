import type { Context } from 'hono';
import { raw } from 'hono/html';
import QRCode from 'qrcode';
import type { AppEnv } from '../../../platform/web/env';
import { requiresTwoFactor } from '../../../platform/auth/access';
import type { FieldErrors } from '../../../platform/web/forms';
import { currentUser } from '../../../platform/web/session';
import {
  CodeField,
  Notice,
  PageHeader,
  PasswordField,
  PostForm,
} from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';

type Ctx = Context<AppEnv>;

/** Setting up two-factor authentication, first step: the password confirms it is the user. */
export function twoFactorPasswordPage(c: Ctx, errors?: FieldErrors, status: 200 | 401 | 422 = 200) {
  const m = c.get('m');
  const user = currentUser(c);
  const required = c.req.query('required') === '1' || requiresTwoFactor(user.role);
  return page(
    c,
    { title: m.account.twoFactorSetupTitle, status, indexable: false },
    <>
      <PageHeader title={m.account.twoFactorSetupTitle} lead={m.account.twoFactorSetupLead} />
      {required && !user.twoFactorEnabled ? (
        <Notice tone="warning">{m.account.twoFactorRequired}</Notice>
      ) : null}
      {user.twoFactorEnabled ? (
        <Notice>{m.account.twoFactorOn}</Notice>
      ) : (
        <PostForm
          action={`/${c.get('locale')}/account/two-factor`}
          errorTitle={m.errors.formProblems}
          errors={errors}
          submitLabel={m.account.continue}
          liveValidation={false}
        >
          <PasswordField label={m.account.confirmPassword} errors={errors} purpose="current" />
        </PostForm>
      )}
    </>,
  );
}

export interface ScanStep {
  totpUri: string;
  backupCodes: string[];
}

/** Second step: the key as a QR code and as text, the backup codes, and a code to prove the app has it. */
export async function twoFactorScanPage(
  c: Ctx,
  step: ScanStep,
  errors?: FieldErrors,
  status: 200 | 401 | 422 = 200,
) {
  const m = c.get('m');
  const { totpUri, backupCodes } = step;
  const secret = new URL(totpUri).searchParams.get('secret') ?? '';
  const qr = await QRCode.toString(totpUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return page(
    c,
    { title: m.account.scanTitle, status, indexable: false },
    <>
      <PageHeader title={m.account.scanTitle} lead={m.account.scanLead} />
      <div class="two-columns">
        <figure class="qr" role="img" aria-label={m.account.qrAlt}>
          {raw(qr)}
        </figure>
        <div>
          <p>
            <strong>{m.account.manualKey}:</strong>
          </p>
          <p>
            <code class="secret" data-testid="totp-secret">
              {secret}
            </code>
          </p>
        </div>
      </div>
      {backupCodes.length > 0 ? (
        <section>
          <h2>{m.account.backupCodes}</h2>
          <p>{m.account.backupCodesLead}</p>
          <ul class="backup-codes">
            {backupCodes.map((code) => (
              <li>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <PostForm
        action={`/${c.get('locale')}/account/two-factor/confirm`}
        errorTitle={m.errors.formProblems}
        errors={errors}
        submitLabel={m.account.enable}
        liveValidation={false}
      >
        <input type="hidden" name="totpUri" value={totpUri} />
        <input type="hidden" name="backupCodes" value={backupCodes.join(' ')} />
        <CodeField label={m.auth.code} errors={errors} />
      </PostForm>
    </>,
  );
}
