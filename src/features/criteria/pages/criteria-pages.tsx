import type { Context } from 'hono';
import type { CriteriaVersion } from '../rules';
import { diffVersions, touchedBy, type AffectedItem, type CriterionChange } from '../diff-rules';
import type { Publication } from '../publications-store';
import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import type { AppEnv } from '../../../platform/web/env';
import { textOf } from '../../applications';
import {
  AdminNav,
  ButtonForm,
  Notice,
  PageHeader,
  SelectField,
  TableRegion,
} from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';

type Ctx = Context<AppEnv>;

export interface OverviewData {
  /** Every version in the files, oldest first. */
  versions: CriteriaVersion[];
  published: Publication[];
  current: CriteriaVersion;
}

/** What stands on the older version of two: open applications and certifications that carry the mark. */
export interface Impact {
  openApplications: AffectedItem[];
  certifications: AffectedItem[];
}

function AffectedList({ title, items }: { title: string; items: AffectedItem[] }) {
  if (items.length === 0) return null;
  return (
    <details>
      <summary>
        {title} ({items.length})
      </summary>
      <ul>
        {items.map((item) => (
          <li>{item.label}</li>
        ))}
      </ul>
    </details>
  );
}

/** The versions in the files, which are published, and the form to compare two. */
export function overviewPage(c: Ctx, data: OverviewData, problem?: string, status: 200 | 400 | 409 = 200) {
  const m = c.get('m');
  const locale = c.get('locale');
  return page(
    c,
    { title: m.criteriaAdmin.title, indexable: false, status },
    <>
      <AdminNav locale={locale} m={m} />
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      <PageHeader title={m.criteriaAdmin.title} lead={m.criteriaAdmin.lead} />
      <VersionsTable m={m} locale={locale} data={data} />
      {data.versions.length > 1 ? <CompareForm m={m} locale={locale} versions={data.versions} /> : null}
    </>,
  );
}

/** Each version with when it was published; the ones above the current version can be published. */
function VersionsTable({ m, locale, data }: { m: Messages; locale: Locale; data: OverviewData }) {
  const { current } = data;
  const publishedAt = new Map(data.published.map((entry) => [entry.version, entry.publishedAt]));
  return (
    <TableRegion label={m.criteriaAdmin.title}>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{m.criteriaAdmin.version}</th>
            <th scope="col">{m.criteriaAdmin.fromFiles}</th>
            <th scope="col">{m.criteriaAdmin.criteriaCount}</th>
            <th scope="col">{m.criteriaAdmin.state}</th>
          </tr>
        </thead>
        <tbody>
          {data.versions.map((version) => {
            const at = publishedAt.get(version.version);
            return (
              <tr>
                <th scope="row">{version.version}</th>
                <td>{formatDate(locale, version.publishedOn)}</td>
                <td>{version.criteria.length}</td>
                <td>
                  {at ? m.criteriaAdmin.published(formatDate(locale, at)) : m.criteriaAdmin.notPublished}
                  {version.version === current.version ? ` – ${m.criteriaAdmin.current}` : ''}
                  {!at && version.version > current.version ? (
                    <ButtonForm
                      action={`/${locale}/admin/criteria/${version.version}/publish`}
                      label={m.criteriaAdmin.publish(version.version)}
                    />
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** Choosing two versions to compare; the newest and the one before it are chosen to begin with. */
function CompareForm({ m, locale, versions }: { m: Messages; locale: Locale; versions: CriteriaVersion[] }) {
  const newest = versions[versions.length - 1];
  const previous = versions[versions.length - 2];
  const options = versions.map((version) => ({
    value: String(version.version),
    label: String(version.version),
  }));
  return (
    <section class="card" aria-labelledby="compare-title">
      <h2 id="compare-title">{m.criteriaAdmin.compare}</h2>
      <form method="get" action={`/${locale}/admin/criteria/compare`} class="form">
        <SelectField
          name="from"
          label={m.criteriaAdmin.from}
          options={options}
          selected={String(previous?.version ?? '')}
        />
        <SelectField
          name="to"
          label={m.criteriaAdmin.to}
          options={options}
          selected={String(newest?.version ?? '')}
        />
        <button type="submit" class="button button-secondary">
          {m.criteriaAdmin.show}
        </button>
      </form>
    </section>
  );
}

/** What changes between two versions, and what of the older one's applications and marks it touches. */
export function comparisonPage(c: Ctx, from: CriteriaVersion, to: CriteriaVersion, impact: Impact) {
  const m = c.get('m');
  const locale = c.get('locale');
  const diff = diffVersions(from, to);
  const titleOf = (change: CriterionChange) => {
    const criterion = (change.kind === 'removed' ? from : to).criteria.find(
      (candidate) => candidate.id === change.criterionId,
    );
    return criterion ? textOf(criterion, locale).title : '';
  };
  const published = c.req.query('notice') === 'published';
  return page(
    c,
    { title: m.criteriaAdmin.diffTitle(from.version, to.version), indexable: false },
    <>
      <AdminNav locale={locale} m={m} />
      {published ? <Notice>{m.criteriaAdmin.publishedNotice(to.version)}</Notice> : null}
      <p>
        <a href={`/${locale}/admin/criteria`}>← {m.criteriaAdmin.back}</a>
      </p>
      <PageHeader
        title={m.criteriaAdmin.diffTitle(from.version, to.version)}
        lead={m.criteriaAdmin.impactLead}
      />
      {diff.recommendedShare ? (
        <p>{m.criteriaAdmin.shareChanged(diff.recommendedShare.from, diff.recommendedShare.to)}</p>
      ) : null}
      {diff.changes.length === 0 ? <p>{m.criteriaAdmin.noChanges}</p> : null}
      {(['added', 'removed', 'changed'] as const).map((kind) => (
        <ChangeSection
          m={m}
          kind={kind}
          changes={diff.changes.filter((change) => change.kind === kind)}
          titleOf={titleOf}
          impact={impact}
        />
      ))}
    </>,
  );
}

/** The criteria added, removed or changed, each with the applications and marks it touches. */
function ChangeSection(props: {
  m: Messages;
  kind: CriterionChange['kind'];
  changes: CriterionChange[];
  titleOf: (change: CriterionChange) => string;
  impact: Impact;
}) {
  const { m, kind, changes } = props;
  if (changes.length === 0) return null;
  return (
    <section class="card" aria-labelledby={`changes-${kind}`}>
      <h2 id={`changes-${kind}`}>
        {m.criteriaAdmin.kinds[kind]} ({changes.length})
      </h2>
      <ul class="plain-list">
        {changes.map((change) => (
          <ChangeItem m={m} change={change} title={props.titleOf(change)} impact={props.impact} />
        ))}
      </ul>
    </section>
  );
}

function ChangeItem(props: { m: Messages; change: CriterionChange; title: string; impact: Impact }) {
  const { m, change } = props;
  const touchedApplications = touchedBy(change, props.impact.openApplications);
  const touchedCertifications = touchedBy(change, props.impact.certifications);
  const aspects = change.aspects.map((aspect) => m.criteriaAdmin.aspects[aspect] ?? aspect).join(', ');
  return (
    <li class="criterion-change" data-criterion={change.criterionId}>
      <h3>
        {change.criterionId} {props.title}
      </h3>
      {change.aspects.length > 0 ? <p>{m.criteriaAdmin.changedAspects(aspects)}</p> : null}
      <p>{m.criteriaAdmin.touches(touchedApplications.length, touchedCertifications.length)}</p>
      <AffectedList title={m.criteriaAdmin.affectedApplications} items={touchedApplications} />
      <AffectedList title={m.criteriaAdmin.affectedCertifications} items={touchedCertifications} />
    </li>
  );
}
