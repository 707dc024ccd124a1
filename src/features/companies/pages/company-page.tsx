import type { Context } from 'hono';
import type { Auth } from '../../../platform/auth/auth';
import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import type { AppEnv } from '../../../platform/web/env';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import {
  ButtonForm,
  EmailField,
  Field,
  Notice,
  PageHeader,
  PostForm,
  TableRegion,
} from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { canPerform, invitableRoles, type CompanyRole } from '../rules';
import { closeSchema, companySchema } from '../schemas';

type Ctx = Context<AppEnv>;
type FullCompany = NonNullable<Awaited<ReturnType<Auth['api']['getFullOrganization']>>>;
type Member = FullCompany['members'][number];

/** The company and the signed-in user's place in it. */
export interface LoadedCompany {
  company: FullCompany;
  me: Member & { role: CompanyRole };
}

export interface FormState {
  errors?: FieldErrors;
  values?: FormValues;
  status?: 200 | 422;
}

export const companyPath = (locale: Locale, slug: string, notice?: string) =>
  `/${locale}/companies/${encodeURIComponent(slug)}${notice ? `?notice=${notice}` : ''}`;

export function newCompanyPage(c: Ctx, state: FormState = {}) {
  const m = c.get('m');
  const limits = fieldLimits(companySchema(m));
  return page(
    c,
    { title: m.company.newTitle, status: state.status ?? 200, indexable: false },
    <>
      <PageHeader title={m.company.newTitle} lead={m.company.newLead} />
      <PostForm
        action={`/${c.get('locale')}/companies`}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.company.create}
      >
        <Field
          name="name"
          label={m.company.name}
          autocomplete="organization"
          maxLength={limits['name']}
          {...state}
        />
        <Field
          name="slug"
          label={m.company.slug}
          hint={m.company.slugHint}
          maxLength={limits['slug']}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          {...state}
        />
      </PostForm>
    </>,
  );
}

function noticeOf(c: Ctx, company: FullCompany): string | undefined {
  const m = c.get('m');
  const notices: Record<string, string> = {
    created: m.company.created,
    invited: m.company.inviteSent(c.req.query('email') ?? ''),
    cancelled: m.company.cancelled,
    'role-changed': m.company.roleChanged,
    removed: m.company.removed,
    transferred: m.company.transferred,
    accepted: m.company.accepted(company.name),
  };
  return notices[c.req.query('notice') ?? ''];
}

export function companyPage(c: Ctx, { company, me }: LoadedCompany, state: FormState = {}) {
  const m = c.get('m');
  const locale = c.get('locale');
  const base = companyPath(locale, company.slug);
  const notice = noticeOf(c, company);
  const props = { m, locale, base, company, me, state };
  return page(
    c,
    { title: company.name, status: state.status ?? 200, indexable: false },
    <>
      <PageHeader title={company.name} />
      {notice ? <Notice>{notice}</Notice> : null}
      <p>
        <a class="button" href={`${base}/products`}>
          {m.products.title}
        </a>
      </p>
      <MembersSection {...props} />
      {canPerform(me.role, 'invite') ? <InvitationsSections {...props} /> : null}
      {canPerform(me.role, 'transfer-ownership') ? <TransferSection {...props} /> : null}
      {canPerform(me.role, 'close') ? <CloseSection {...props} /> : null}
    </>,
  );
}

interface SectionProps extends LoadedCompany {
  m: Messages;
  locale: Locale;
  base: string;
  state: FormState;
}

function MembersSection({ m, company, me, base }: SectionProps) {
  const canManage = canPerform(me.role, 'manage-members');
  return (
    <section class="card">
      <h2>{m.company.members}</h2>
      <TableRegion label={m.company.members}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{m.company.member}</th>
              <th scope="col">{m.company.role}</th>
              {canManage ? <th scope="col">{m.company.changeRole}</th> : null}
            </tr>
          </thead>
          <tbody>
            {company.members.map((member) => (
              <tr>
                <td>
                  {member.user.name} {member.id === me.id ? m.company.you : null}
                  <br />
                  <span class="muted">{member.user.email}</span>
                </td>
                <td>{m.company.roles[member.role] ?? member.role}</td>
                {canManage ? (
                  <td>
                    {member.role !== 'owner' && member.id !== me.id ? (
                      <MemberActions m={m} base={base} member={member} />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

function MemberActions({ m, base, member }: { m: Messages; base: string; member: Member }) {
  return (
    <div class="row-actions">
      <form method="post" action={`${base}/members/${member.id}/role`} class="inline-form">
        <label for={`role-${member.id}`} class="visually-hidden">
          {`${m.company.changeRole}: ${member.user.name}`}
        </label>
        <select id={`role-${member.id}`} name="role">
          {(['member', 'admin'] as const).map((role) => (
            <option value={role} selected={member.role === role}>
              {m.company.roles[role]}
            </option>
          ))}
        </select>
        <button type="submit" class="button button-small">
          {m.company.save}
        </button>
      </form>
      <ButtonForm
        action={`${base}/members/${member.id}/remove`}
        label={m.company.remove}
        look="small-danger"
        subject={member.user.name}
      />
    </div>
  );
}

function InvitationsSections({ m, locale, company, me, base, state }: SectionProps) {
  const pending = company.invitations.filter((invitation) => invitation.status === 'pending');
  return (
    <>
      <section class="card">
        <h2>{m.company.pendingInvitations}</h2>
        {pending.length === 0 ? (
          <p>{m.company.noPendingInvitations}</p>
        ) : (
          <ul class="plain-list">
            {pending.map((invitation) => (
              <li>
                {invitation.email} · {m.company.roles[invitation.role] ?? invitation.role} ·{' '}
                {m.company.expires} {formatDate(locale, invitation.expiresAt)}
                <ButtonForm
                  action={`${base}/invitations/${invitation.id}/cancel`}
                  label={m.company.cancel}
                  look="link"
                  subject={invitation.email}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card">
        <h2>{m.company.invite}</h2>
        <PostForm
          action={`${base}/invitations`}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.company.sendInvite}
        >
          <EmailField label={m.company.inviteEmail} {...state} />
          <div class="field">
            <label for="invite-role">{m.company.inviteRole}</label>
            <select id="invite-role" name="role">
              {invitableRoles(me.role).map((role) => (
                <option value={role} selected={state.values?.['role'] === role}>
                  {m.company.roles[role]}
                </option>
              ))}
            </select>
          </div>
        </PostForm>
      </section>
    </>
  );
}

function TransferSection({ m, company, me, base }: SectionProps) {
  const candidates = company.members.filter((member) => member.id !== me.id);
  return (
    <section class="card">
      <h2>{m.company.transferTitle}</h2>
      <p>{m.company.transferLead}</p>
      {candidates.length === 0 ? (
        <p>{m.company.noTransferCandidates}</p>
      ) : (
        <form method="post" action={`${base}/transfer`} class="form">
          <div class="field">
            <label for="transfer-member">{m.company.transferTo}</label>
            <select id="transfer-member" name="memberId">
              {candidates.map((member) => (
                <option value={member.id}>{`${member.user.name} (${member.user.email})`}</option>
              ))}
            </select>
          </div>
          <button type="submit" class="button button-danger">
            {m.company.transfer}
          </button>
        </form>
      )}
    </section>
  );
}

function CloseSection({ m, company, base, state }: SectionProps) {
  return (
    <section class="card" aria-labelledby="close-title">
      <h2 id="close-title">{m.company.closeTitle}</h2>
      <p>{m.company.closeLead}</p>
      <PostForm
        action={`${base}/close`}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.company.close}
        liveValidation={false}
      >
        <Field
          name="confirmSlug"
          label={m.company.closeConfirm(company.slug)}
          maxLength={fieldLimits(closeSchema(m))['confirmSlug']}
          autocomplete="off"
          errors={state.errors}
          values={{}}
        />
      </PostForm>
    </section>
  );
}

export function closedPage(c: Ctx, name: string) {
  const m = c.get('m');
  return page(
    c,
    { title: m.company.closedTitle, indexable: false },
    <PageHeader title={m.company.closedTitle} lead={m.company.closedLead(name)} />,
  );
}
