import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { CertificationRow } from '../../platform/db/schema';
import { liveStatus } from '../registry/rules';
import { acceptsConcerns, tallyConcerns } from './rules';
import { defaultLocale, formatDate, isLocale, messagesFor, type Messages } from '../../platform/i18n';
import { composeMail } from '../../platform/mail/compose';
import type { AppEnv } from '../../platform/web/env';
import { reReviewDecisionSchema } from '../../web/form-schemas';
import { concernDecisionSchema, concernSchema } from './schemas';
import { parseForm, type FieldErrors, type FormValues } from '../../platform/web/forms';
import { limitSubmissions } from '../../platform/web/rate-limits';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { textOf } from '../applications/pages/application-parts';
import { ReReviewPanel } from '../review/re-review-routes';
import {
  AdminNav,
  BotGuardFields,
  ButtonForm,
  EmailField,
  Field,
  Notice,
  PageHeader,
  PostForm,
  SelectField,
} from '../../platform/web/views/components';
import { renderError, renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';

type Ctx = Context<AppEnv>;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Concerns about certified products: anyone raises one (optionally about one criterion) and confirms
 * it by mail; admins uphold or reject it with a public note. The product page counts the outcomes.
 */
export function registerConcernRoutes(routes: RouteRegistry, services: AppServices): void {
  const { registry, concerns, criteria, config, formGuard, mailer, audit } = services;

  const criterionOptions = (c: Ctx, row: CertificationRow) =>
    (criteria.versions.get(row.criteria_version)?.criteria ?? []).map((criterion) => ({
      value: criterion.id,
      label: `${criterion.id} ${textOf(criterion, c.get('locale')).title}`,
    }));

  /** The certification named in the URL, if the public may raise a concern about it. */
  const openFor = async (c: Ctx) => {
    const row = await registry.find(c.req.param('certificationId') ?? '');
    if (!row) return undefined;
    return { row, open: acceptsConcerns(liveStatus(row.status, row.valid_until, services.now())) };
  };

  const concernForm = (
    c: Ctx,
    row: CertificationRow,
    state: { errors?: FieldErrors; values?: FormValues; status?: 200 | 409 | 422 | 503 } = {},
  ) => {
    const m = c.get('m');
    const locale = c.get('locale');
    return page(
      c,
      { title: m.concerns.title, status: state.status ?? 200, indexable: false },
      <>
        <p>
          <a href={`/${locale}/products/${row.id}`}>← {row.product_name}</a>
        </p>
        <PageHeader title={m.concerns.title} lead={m.concerns.lead(row.product_name)} />
        <PostForm
          action={`/${locale}/products/${row.id}/concern`}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.concerns.send}
        >
          <SelectField
            name="criterion"
            label={m.concerns.criterion}
            any={m.concerns.wholeProduct}
            options={criterionOptions(c, row)}
            selected={state.values?.['criterion'] ?? c.req.query('criterion')}
          />
          <Field
            name="message"
            label={m.concerns.message}
            hint={m.concerns.messageHint}
            multiline
            minLength={20}
            maxLength={5000}
            {...state}
          />
          <EmailField label={m.concerns.email} hint={m.concerns.emailHint} {...state} />
          <BotGuardFields m={m} formToken={formGuard.issue()} />
        </PostForm>
      </>,
    );
  };

  routes.get('/:locale/products/:certificationId/concern', 'public', async (c) => {
    const found = await openFor(c);
    if (!found) return renderNotFound(c);
    if (!found.open) return renderError(c, 409, c.get('m').errors.title, c.get('m').concerns.closed);
    return concernForm(c, found.row);
  });

  routes.post(
    '/:locale/products/:certificationId/concern',
    'public',
    limitSubmissions('concerns', services.rateLimits.concerns, config.trustProxy),
    async (c) => {
      const m = c.get('m');
      const locale = c.get('locale');
      const found = await openFor(c);
      if (!found) return renderNotFound(c);
      const { row, open } = found;
      if (!open) return renderError(c, 409, m.errors.title, m.concerns.closed);
      const form = parseForm(concernSchema(m), await c.req.parseBody());
      if (!form.ok) return concernForm(c, row, { errors: form.errors, values: form.values, status: 422 });
      const { criterion, message, email, formToken } = form.data;
      const values = { criterion, message, email };
      if (criterion && !criterionOptions(c, row).some((option) => option.value === criterion))
        return concernForm(c, row, {
          errors: { criterion: m.concerns.unknownCriterion },
          values,
          status: 422,
        });
      const guard = formGuard.check(formToken);
      if (guard !== 'ok') {
        const problem = guard === 'expired' ? m.contact.expired : m.contact.tooFast;
        return concernForm(c, row, { errors: { form: problem }, values, status: 422 });
      }
      const token = randomBytes(32).toString('base64url');
      await concerns.create(
        {
          certificationId: row.id,
          criterionId: criterion || null,
          message,
          email,
          locale,
          confirmationHash: hashOf(token),
        },
        services.now(),
      );
      const link = `${config.baseUrl}/${locale}/concerns/confirm?token=${token}`;
      try {
        await mailer.send(
          composeMail(
            m,
            email,
            '',
            m.concerns.mailSubject(row.product_name),
            m.concerns.mailBody(row.product_name, link),
          ),
        );
      } catch {
        return concernForm(c, row, { errors: { form: m.contact.mailFailed }, values, status: 503 });
      }
      return page(
        c,
        { title: m.concerns.sentTitle, indexable: false },
        <>
          <PageHeader title={m.concerns.sentTitle} />
          <Notice>{m.concerns.sentBody}</Notice>
        </>,
      );
    },
  );

  // The mailed link only shows a button: mail scanners that open links must not confirm for the person.
  routes.get('/:locale/concerns/confirm', 'public', (c) => {
    const m = c.get('m');
    const token = (c.req.query('token') ?? '').slice(0, 100);
    return page(
      c,
      { title: m.concerns.confirmTitle, indexable: false },
      <>
        <PageHeader title={m.concerns.confirmTitle} lead={m.concerns.confirmLead} />
        <form method="post" action={`/${c.get('locale')}/concerns/confirm`} class="form">
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="button">
            {m.concerns.confirm}
          </button>
        </form>
      </>,
    );
  });

  routes.post('/:locale/concerns/confirm', 'public', async (c) => {
    const m = c.get('m');
    const token = String((await c.req.parseBody())['token'] ?? '').slice(0, 100);
    const confirmed = token ? await concerns.confirm(hashOf(token), services.now()) : undefined;
    if (!confirmed) return renderError(c, 410, m.concerns.confirmTitle, m.concerns.invalidLink);
    const row = await registry.find(confirmed.certification_id);
    if (row && config.contactTo) {
      const adminUrl = `${config.baseUrl}/${c.get('locale')}/admin/concerns`;
      // The program hears of it; a failing mail does not undo the confirmation, the list shows it anyway.
      await mailer
        .send(
          composeMail(
            m,
            config.contactTo,
            '',
            m.concerns.programSubject(row.product_name),
            m.concerns.programBody(row.product_name, adminUrl),
          ),
        )
        .catch(() => undefined);
    }
    return page(
      c,
      { title: m.concerns.confirmedTitle, indexable: false },
      <>
        <PageHeader title={m.concerns.confirmedTitle} />
        <Notice>{m.concerns.confirmedBody}</Notice>
      </>,
    );
  });

  interface TriageState {
    problem?: string;
    status?: 404 | 409 | 422;
    /** A re-review outcome form sent back with what was wrong and what was typed. */
    decision?: { reReviewId: string; errors: FieldErrors; values: FormValues };
  }

  const triagePage = async (c: Ctx, state: TriageState = {}) => {
    const { problem } = state;
    const m = c.get('m');
    const locale = c.get('locale');
    const rows = await concerns.forTriage();
    const notices: Record<string, string> = {
      decided: m.concerns.decided,
      're-review-opened': m.reReview.opened,
      're-review-decided': m.reReview.decided,
    };
    const notice = notices[c.req.query('notice') ?? ''];
    // A concern under re-review shows the reviewers' opinions and, once all are in, the outcome form.
    const underReReview = new Map(
      await Promise.all(
        rows
          .filter((row) => row.status === 're-review')
          .map(async (row) => {
            const reReview = await services.reReviews.forConcern(row.id);
            return [
              row.id,
              reReview
                ? { id: reReview.id, opinions: await services.reReviews.opinions(reReview.id) }
                : undefined,
            ] as const;
          }),
      ),
    );
    return page(
      c,
      { title: m.concerns.adminTitle, indexable: false, status: state.status ?? (problem ? 422 : 200) },
      <>
        {notice ? <Notice>{notice}</Notice> : null}
        {problem ? <Notice tone="warning">{problem}</Notice> : null}
        <AdminNav locale={locale} m={m} />
        <PageHeader title={m.concerns.adminTitle} lead={m.concerns.adminLead} />
        {rows.length === 0 ? <p>{m.concerns.adminNone}</p> : null}
        {rows.map((row) => (
          <article class="card review-item" data-testid="concern">
            <h2>
              <a href={`/${locale}/products/${row.certification_id}`}>{row.product_name}</a>{' '}
              <span class="muted">
                {row.company_name} ·{' '}
                {row.criterion_id ? m.concerns.about(row.criterion_id) : m.concerns.wholeProduct} ·{' '}
                {row.status === 're-review'
                  ? m.reReview.underWay
                  : (m.concerns.decisions[row.status] ?? m.concerns.open)}
              </span>
            </h2>
            <dl class="facts">
              <dt>{m.concerns.from}</dt>
              <dd>{row.email}</dd>
              <dt>{m.concerns.confirmedOn}</dt>
              <dd>{row.confirmed_at ? formatDate(locale, row.confirmed_at) : ''}</dd>
            </dl>
            <p class="preserve-lines">{row.message}</p>
            {row.status === 'open' ? (
              <form method="post" action={`/${locale}/admin/concerns/${row.id}/decide`} class="form">
                <div class="field">
                  <label for={`decision-${row.id}`}>{m.concerns.decision}</label>
                  <select id={`decision-${row.id}`} name="decision">
                    <option value="upheld">{m.concerns.decisions['upheld']}</option>
                    <option value="rejected">{m.concerns.decisions['rejected']}</option>
                  </select>
                </div>
                <div class="field">
                  <label for={`note-${row.id}`}>{m.concerns.note}</label>
                  <textarea id={`note-${row.id}`} name="note" rows={3} maxlength={2000} required></textarea>
                </div>
                <button type="submit" class="button button-secondary">
                  {m.concerns.decide}
                </button>
              </form>
            ) : null}
            {row.status === 'open' ? (
              <>
                <p>{m.reReview.openLead}</p>
                <ButtonForm
                  action={`/${locale}/admin/concerns/${row.id}/re-review`}
                  label={m.reReview.open}
                  look="secondary"
                  subject={row.product_name}
                />
              </>
            ) : null}
            {row.status === 're-review' ? (
              <ReReviewPanel
                locale={locale}
                m={m}
                reReviewId={underReReview.get(row.id)?.id ?? ''}
                opinions={underReReview.get(row.id)?.opinions ?? []}
                {...(state.decision && state.decision.reReviewId === underReReview.get(row.id)?.id
                  ? { errors: state.decision.errors, values: state.decision.values }
                  : {})}
              />
            ) : null}
            {row.status === 'upheld' || row.status === 'rejected' ? <p>{row.outcome_note}</p> : null}
          </article>
        ))}
      </>,
    );
  };

  routes.get('/:locale/admin/concerns', 'admin', (c) => triagePage(c));

  // A concern can go to a re-review instead: reviewers who took no part look again (see re-reviews.tsx).
  routes.post('/:locale/admin/concerns/:concernId/re-review', 'admin', async (c) => {
    const m = c.get('m');
    const concern = await concerns.find(c.req.param('concernId') ?? '');
    if (!concern || concern.status === 'unconfirmed') return renderNotFound(c);
    const outcome = await services.reReviewWorkflow.open(concern, currentUser(c).id);
    if (outcome === 'not-found') return renderNotFound(c);
    if (outcome === 'no-reviewers') return triagePage(c, { problem: m.reReview.noReviewers, status: 409 });
    if (outcome === 'not-open') return triagePage(c, { problem: m.concerns.alreadyDecided, status: 409 });
    return c.redirect(`/${c.get('locale')}/admin/concerns?notice=re-review-opened`, 303);
  });

  routes.post('/:locale/admin/re-reviews/:reReviewId/decide', 'admin', async (c) => {
    const m = c.get('m');
    const id = c.req.param('reReviewId') ?? '';
    if (!(await services.reReviews.find(id))) return renderNotFound(c);
    const form = parseForm(reReviewDecisionSchema(m), await c.req.parseBody());
    if (!form.ok) {
      return triagePage(c, {
        status: 422,
        decision: { reReviewId: id, errors: form.errors, values: form.values },
      });
    }
    const outcome = await services.reReviewWorkflow.decide(
      id,
      form.data.outcome,
      form.data.statement,
      currentUser(c).id,
    );
    if (outcome === 'not-found') return renderNotFound(c);
    const refusals = { incomplete: m.reReview.incomplete, already: m.reReview.alreadyDecided };
    if (outcome !== 'decided') return triagePage(c, { problem: refusals[outcome], status: 409 });
    return c.redirect(`/${c.get('locale')}/admin/concerns?notice=re-review-decided`, 303);
  });

  routes.post('/:locale/admin/concerns/:concernId/decide', 'admin', async (c) => {
    const m = c.get('m');
    const concern = await concerns.find(c.req.param('concernId') ?? '');
    if (!concern || concern.status === 'unconfirmed') return renderNotFound(c);
    const form = parseForm(concernDecisionSchema(m), await c.req.parseBody());
    if (!form.ok) return triagePage(c, { problem: form.errors['note'] ?? form.errors['decision'] });
    const { decision, note } = form.data;
    const adminId = currentUser(c).id;
    if (!(await concerns.decide(concern.id, decision, note, adminId, services.now())))
      return renderError(c, 409, m.errors.title, m.concerns.alreadyDecided);
    await audit.append(
      { actorId: adminId, action: `concern-${decision}`, subjectId: concern.certification_id, reason: note },
      services.now(),
    );
    const row = await registry.find(concern.certification_id);
    if (row) {
      const author = messagesFor(isLocale(concern.locale) ? concern.locale : defaultLocale);
      const productUrl = `${config.baseUrl}/${concern.locale}/products/${row.id}`;
      await mailer
        .send(
          composeMail(
            author,
            concern.email,
            '',
            author.concerns.outcomeSubject(row.product_name),
            author.concerns.outcomeBody(
              row.product_name,
              author.concerns.decisions[decision] ?? decision,
              note,
              productUrl,
            ),
          ),
        )
        .catch(() => undefined);
    }
    return c.redirect(`/${c.get('locale')}/admin/concerns?notice=decided`, 303);
  });
}

/** The product page's account of concerns: how many were upheld and rejected, and the published notes. */
export function PublicConcerns(props: {
  locale: 'en' | 'de';
  m: Messages;
  certificationId: string;
  open: boolean;
  decided: readonly {
    id: string;
    criterion_id: string | null;
    status: string;
    outcome_note: string;
    decided_at: string | null;
    re_review_outcome: string | null;
  }[];
}) {
  const { locale, m, decided } = props;
  const tally = tallyConcerns(decided.map((concern) => concern.status));
  return (
    <section class="card" aria-labelledby="concerns-title">
      <h2 id="concerns-title">{m.concerns.publicTitle}</h2>
      <p data-testid="concern-tally">{m.concerns.publicCount(tally.upheld, tally.rejected)}</p>
      {decided.length > 0 ? (
        <ul class="plain-list">
          {decided.map((concern) => (
            <li>
              {concern.decided_at ? formatDate(locale, concern.decided_at) : ''} ·{' '}
              {concern.criterion_id ? m.concerns.about(concern.criterion_id) : m.concerns.wholeProduct} ·{' '}
              {m.concerns.decisions[concern.status] ?? concern.status}
              {concern.re_review_outcome
                ? ` (${m.reReview.publicOutcome(m.reReview.outcomes[concern.re_review_outcome] ?? concern.re_review_outcome)})`
                : ''}{' '}
              – {concern.outcome_note}
            </li>
          ))}
        </ul>
      ) : null}
      {props.open ? (
        <p>
          <a href={`/${locale}/products/${props.certificationId}/concern`}>{m.concerns.raise}</a>
        </p>
      ) : null}
    </section>
  );
}
