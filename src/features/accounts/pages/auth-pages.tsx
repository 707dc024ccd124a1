import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/web/env';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import {
  EmailField,
  Field,
  Notice,
  PageHeader,
  PasswordField,
  PostForm,
} from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { signUpSchema } from '../schemas';

type Ctx = Context<AppEnv>;

export interface AuthFormState {
  errors?: FieldErrors;
  values?: FormValues;
  status?: 200 | 401 | 422;
}

/** Signing up: name, email address and a password. */
export function signUpPage(c: Ctx, state: AuthFormState = {}) {
  const m = c.get('m');
  const locale = c.get('locale');
  return page(
    c,
    { title: m.auth.signUpTitle, status: state.status ?? 200 },
    <>
      <PageHeader title={m.auth.signUpTitle} lead={m.auth.signUpLead} />
      <PostForm
        action={`/${locale}/sign-up`}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.auth.createAccount}
      >
        <Field
          name="name"
          label={m.auth.name}
          autocomplete="name"
          maxLength={fieldLimits(signUpSchema(m))['name']}
          {...state}
        />
        <EmailField label={m.auth.email} {...state} />
        <PasswordField label={m.auth.password} hint={m.auth.passwordHint} {...state} purpose="new" />
      </PostForm>
      <p>
        {m.auth.haveAccount} <a href={`/${locale}/sign-in`}>{m.auth.signIn}</a>
      </p>
    </>,
  );
}

/** After signing up: the link to confirm the address is on its way. */
export function checkEmailPage(c: Ctx, email: string) {
  const m = c.get('m');
  return page(
    c,
    { title: m.auth.checkEmailTitle, indexable: false },
    <>
      <PageHeader title={m.auth.checkEmailTitle} />
      <Notice tone="info">{m.auth.checkEmailBody(email)}</Notice>
    </>,
  );
}

/** The link to confirm an address was wrong or used up. */
export function verifyFailedPage(c: Ctx) {
  const m = c.get('m');
  return page(
    c,
    { title: m.auth.verifyFailed, status: 400, indexable: false },
    <>
      <PageHeader title={m.errors.title} lead={m.auth.verifyFailed} />
      <p>
        <a href={`/${c.get('locale')}/sign-in`}>{m.auth.signIn}</a>
      </p>
    </>,
  );
}

/** The address is confirmed; `accountPath` leads on to the account. */
export function verifiedPage(c: Ctx, accountPath: string) {
  const m = c.get('m');
  return page(
    c,
    { title: m.auth.verifiedTitle, indexable: false },
    <>
      <PageHeader title={m.auth.verifiedTitle} lead={m.auth.verifiedBody} />
      <p>
        <a class="button" href={accountPath}>
          {m.nav.account}
        </a>
      </p>
    </>,
  );
}

export function forgotPasswordPage(c: Ctx, state: AuthFormState = {}) {
  const m = c.get('m');
  return page(
    c,
    { title: m.auth.forgotTitle, status: state.status ?? 200, indexable: false },
    <>
      <PageHeader title={m.auth.forgotTitle} lead={m.auth.forgotLead} />
      <PostForm
        action={`/${c.get('locale')}/forgot-password`}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.auth.sendResetLink}
      >
        <EmailField label={m.auth.email} {...state} />
      </PostForm>
    </>,
  );
}

/** The same answer whether or not the address has an account. */
export function resetSentPage(c: Ctx) {
  const m = c.get('m');
  return page(
    c,
    { title: m.auth.forgotTitle, indexable: false },
    <>
      <PageHeader title={m.auth.forgotTitle} />
      <Notice tone="info">{m.auth.resetSentBody}</Notice>
    </>,
  );
}

export function resetPasswordPage(c: Ctx, token: string, state: AuthFormState = {}) {
  const m = c.get('m');
  return page(
    c,
    { title: m.auth.resetTitle, status: state.status ?? 200, indexable: false },
    <>
      <PageHeader title={m.auth.resetTitle} />
      <PostForm
        action={`/${c.get('locale')}/reset-password`}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.auth.resetButton}
      >
        <input type="hidden" name="token" value={token} />
        <PasswordField
          name="newPassword"
          label={m.auth.newPassword}
          hint={m.auth.passwordHint}
          {...state}
          purpose="new"
        />
      </PostForm>
    </>,
  );
}

export function resetDonePage(c: Ctx) {
  const m = c.get('m');
  return page(
    c,
    { title: m.auth.resetTitle, indexable: false },
    <>
      <PageHeader title={m.auth.resetTitle} />
      <Notice>{m.auth.resetDone}</Notice>
      <p>
        <a class="button" href={`/${c.get('locale')}/sign-in`}>
          {m.auth.signIn}
        </a>
      </p>
    </>,
  );
}
