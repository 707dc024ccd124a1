import type { Child } from 'hono/jsx';
import { maximumPasswordLength, minimumPasswordLength } from '../../auth/password-policy';
import type { Messages } from '../../i18n';
import type { FieldErrors, FormValues } from '../forms';
import { emailLength } from '../schema-parts';

interface FieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'date' | 'datetime-local';
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  inputMode?: 'numeric' | 'text' | 'email';
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
  multiline?: boolean;
}

/**
 * A labelled input with its hint and error linked for assistive technology. The browser's own
 * constraints (required, maxlength, type) mirror the server's rules; the server stays the authority.
 */
export function Field(props: FieldProps) {
  const { name, label, hint, errors, values } = props;
  const error = errors?.[name];
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    id: name,
    name,
    required: props.required ?? true,
    maxlength: props.maxLength,
    minlength: props.minLength,
    'aria-describedby': describedBy,
    'aria-invalid': error ? 'true' : undefined,
    autocomplete: props.autocomplete,
  };
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={name}>{label}</label>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-text" id={errorId}>
          {error}
        </p>
      ) : null}
      {props.multiline ? (
        <textarea {...common} rows={8}>
          {values?.[name] ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          pattern={props.pattern}
          inputmode={props.inputMode}
          value={props.type === 'password' ? undefined : values?.[name]}
        />
      )}
    </div>
  );
}

type FieldState = Pick<FieldProps, 'errors' | 'values' | 'hint'> & { label: string };

export function EmailField(props: FieldState & { autocomplete?: 'email' | 'username' }) {
  return (
    <Field
      {...props}
      name="email"
      type="email"
      autocomplete={props.autocomplete ?? 'email'}
      maxLength={emailLength}
    />
  );
}

/** A new password states the minimum length up front; an existing one is only checked on the server. */
export function PasswordField(props: FieldState & { name?: string; purpose: 'new' | 'current' }) {
  return (
    <Field
      {...props}
      name={props.name ?? 'password'}
      type="password"
      autocomplete={props.purpose === 'new' ? 'new-password' : 'current-password'}
      minLength={props.purpose === 'new' ? minimumPasswordLength : undefined}
      maxLength={maximumPasswordLength}
    />
  );
}

/** How many digits an authenticator app shows. */
const authenticatorCodeDigits = 6;

/** The six digits from an authenticator app. */
export function CodeField(props: FieldState) {
  return (
    <Field
      {...props}
      name="code"
      autocomplete="one-time-code"
      inputMode="numeric"
      pattern={`[0-9]{${authenticatorCodeDigits}}`}
      maxLength={authenticatorCodeDigits}
    />
  );
}

/** The summary at the top of a form that failed validation, linking to each problem. */
export function ErrorSummary({ title, errors }: { title: string; errors?: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === 'form' ? message : <a href={`#${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({
  children,
  tone = 'success',
}: {
  children: Child;
  tone?: 'success' | 'info' | 'warning';
}) {
  return (
    <div class={`notice notice-${tone}`} role="status">
      {children}
    </div>
  );
}

export function PageHeader({ title, lead }: { title: string; lead?: string | undefined }) {
  return (
    <header class="page-header">
      <h1>{title}</h1>
      {lead ? <p class="lead">{lead}</p> : null}
    </header>
  );
}

interface PostFormProps {
  action: string;
  errorTitle: string;
  errors?: FieldErrors | undefined;
  submitLabel: string;
  /** Live validation in the browser (the server validates regardless). */
  liveValidation?: boolean;
  children: Child;
}

/** A form that posts to `action`: its error summary first, then the fields, then one submit button. */
export function PostForm({
  action,
  errorTitle,
  errors,
  submitLabel,
  liveValidation = true,
  children,
}: PostFormProps) {
  return (
    <form
      method="post"
      action={action}
      class="form"
      novalidate
      data-enhance={liveValidation ? 'validate' : undefined}
    >
      <ErrorSummary title={errorTitle} errors={errors} />
      {children}
      <button type="submit" class="button">
        {submitLabel}
      </button>
    </form>
  );
}

/**
 * What a public form adds against bots: a field people never see (bots fill it) and a signed token
 * that tells when the form was served (bots send too fast). The server checks both.
 */
export function BotGuardFields({ m, formToken }: { m: Messages; formToken: string }) {
  return (
    <>
      <div class="honeypot" aria-hidden="true">
        <label for="website">{m.contact.honeypot}</label>
        <input id="website" name="website" type="text" tabindex={-1} autocomplete="off" />
      </div>
      <input type="hidden" name="formToken" value={formToken} />
    </>
  );
}

/**
 * One button that posts to `action` (submit, withdraw, remove, sign out…), inline with the text
 * around it. `subject` names what a repeated button acts on, for screen readers ("Remove: Report.pdf").
 */
export function ButtonForm({
  action,
  label,
  look = 'primary',
  subject,
  children,
}: {
  action: string;
  label: string;
  look?: 'primary' | 'secondary' | 'danger' | 'small-danger' | 'link';
  subject?: string;
  /** Hidden inputs the action needs. */
  children?: Child;
}) {
  const classes = {
    primary: 'button',
    secondary: 'button button-secondary',
    danger: 'button button-danger',
    'small-danger': 'button button-small button-danger',
    link: 'link-button',
  };
  return (
    <form method="post" action={action} class="inline-form">
      {children}
      <button type="submit" class={classes[look]}>
        {label}
        {subject ? <span class="visually-hidden">{`: ${subject}`}</span> : null}
      </button>
    </form>
  );
}

/**
 * A form that uploads one file. It posts as multipart without JavaScript; the server checks the
 * file's real type and size and answers on the same page with the error beside the field.
 */
export function UploadForm(props: {
  action: string;
  name: string;
  label: string;
  accept: string;
  buttonLabel: string;
  error?: string | undefined;
}) {
  const errorId = `${props.name}-error`;
  return (
    <form method="post" action={props.action} class="form" enctype="multipart/form-data">
      <div class={props.error ? 'field field-error' : 'field'}>
        <label for={props.name}>{props.label}</label>
        {props.error ? (
          <p class="error-text" id={errorId}>
            {props.error}
          </p>
        ) : null}
        <input
          id={props.name}
          name={props.name}
          type="file"
          accept={props.accept}
          aria-describedby={props.error ? errorId : undefined}
          aria-invalid={props.error ? 'true' : undefined}
        />
      </div>
      <button type="submit" class="button button-secondary">
        {props.buttonLabel}
      </button>
    </form>
  );
}

/** The links between the administration pages, shown at the top of each. */
export function AdminNav({ locale, m }: { locale: string; m: Messages }) {
  const links = [
    [`/${locale}/admin/users`, m.admin.users],
    [`/${locale}/admin/reviewer-invitations`, m.reviewerPool.invitations],
    [`/${locale}/admin/reviews`, m.reviewAdmin.title],
    [`/${locale}/admin/certifications`, m.registryAdmin.title],
    [`/${locale}/admin/concerns`, m.concerns.adminTitle],
    [`/${locale}/admin/audit`, m.audit.title],
    [`/${locale}/admin/statistics`, m.statistics.title],
    [`/${locale}/admin/jobs`, m.operations.title],
    [`/${locale}/admin/criteria`, m.criteriaAdmin.title],
    [`/${locale}/admin/news`, m.contentAdmin.newsTitle],
    [`/${locale}/admin/partners`, m.contentAdmin.partnersTitle],
  ] as const;
  return (
    <nav aria-label={m.admin.title} class="admin-nav">
      <ul class="plain-list inline-list">
        {links.map(([href, label]) => (
          <li>
            <a href={href}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A labelled drop-down; with `any`, a first empty choice that means "no filter". */
export function SelectField(props: {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  selected?: string | undefined;
  any?: string;
}) {
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name}>
        {props.any !== undefined ? <option value="">{props.any}</option> : null}
        {props.options.map((option) => (
          <option value={option.value} selected={props.selected === option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Holds a table wider than a phone: the table scrolls sideways inside it instead of widening the page.
 * It is a named, focusable region so keyboard and screen-reader users can find and scroll it.
 */
export function TableRegion({ label, children }: { label: string; children: Child }) {
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
