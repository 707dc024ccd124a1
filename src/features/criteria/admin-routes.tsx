import type { Context } from 'hono';
import { z } from 'zod';
import type { CriteriaVersion } from './rules';
import { diffVersions, touchedBy, type AffectedItem, type CriterionChange } from './diff-rules';
import { formatDate } from '../../platform/i18n';
import type { AppEnv } from '../../platform/web/env';
import type { RouteRegistry } from '../../platform/web/routing';
import type { AppServices } from '../../app/services';
import { currentUser } from '../../platform/web/session';
import { textOf } from '../applications/pages/application-parts';
import {
  AdminNav,
  ButtonForm,
  Notice,
  PageHeader,
  SelectField,
  TableRegion,
} from '../../platform/web/views/components';
import { renderNotFound } from '../../platform/web/views/error-page';
import { page } from '../../platform/web/views/layout';

type Ctx = Context<AppEnv>;

const versionNumber = z.coerce.number().int().min(1).max(10_000);
const comparisonSchema = z.object({ from: versionNumber, to: versionNumber });

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

/** The criteria versions in the files: publishing the next one, and what changes between two. */
export function registerCriteriaAdminRoutes(routes: RouteRegistry, services: AppServices): void {
  const { criteria, criteriaPublications, audit } = services;
  const versions = () => [...criteria.versions.values()].sort((a, b) => a.version - b.version);

  const overview = async (c: Ctx, problem?: string, status: 200 | 400 | 409 = 200) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const [published, current] = await Promise.all([
      criteriaPublications.list(),
      criteriaPublications.current(),
    ]);
    const publishedAt = new Map(published.map((entry) => [entry.version, entry.publishedAt]));
    const all = versions();
    const newest = all[all.length - 1];
    const previous = all[all.length - 2];
    const versionOptions = all.map((version) => ({
      value: String(version.version),
      label: String(version.version),
    }));
    return page(
      c,
      { title: m.criteriaAdmin.title, indexable: false, status },
      <>
        <AdminNav locale={locale} m={m} />
        {problem ? <Notice tone="warning">{problem}</Notice> : null}
        <PageHeader title={m.criteriaAdmin.title} lead={m.criteriaAdmin.lead} />
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
              {all.map((version) => {
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
        {all.length > 1 ? (
          <section class="card" aria-labelledby="compare-title">
            <h2 id="compare-title">{m.criteriaAdmin.compare}</h2>
            <form method="get" action={`/${locale}/admin/criteria/compare`} class="form">
              <SelectField
                name="from"
                label={m.criteriaAdmin.from}
                options={versionOptions}
                selected={String(previous?.version ?? '')}
              />
              <SelectField
                name="to"
                label={m.criteriaAdmin.to}
                options={versionOptions}
                selected={String(newest?.version ?? '')}
              />
              <button type="submit" class="button button-secondary">
                {m.criteriaAdmin.show}
              </button>
            </form>
          </section>
        ) : null}
      </>,
    );
  };

  const comparison = async (c: Ctx, from: CriteriaVersion, to: CriteriaVersion) => {
    const m = c.get('m');
    const locale = c.get('locale');
    const diff = diffVersions(from, to);
    // Impact is about what stands on the older version of the two.
    const older = from.version < to.version ? from : to;
    const [openApplications, certifications] = await Promise.all([
      criteriaPublications.openApplicationsOn(older.version),
      criteriaPublications.certificationsOn(older),
    ]);
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
        {(['added', 'removed', 'changed'] as const).map((kind) => {
          const changes = diff.changes.filter((change) => change.kind === kind);
          if (changes.length === 0) return null;
          return (
            <section class="card" aria-labelledby={`changes-${kind}`}>
              <h2 id={`changes-${kind}`}>
                {m.criteriaAdmin.kinds[kind]} ({changes.length})
              </h2>
              <ul class="plain-list">
                {changes.map((change) => {
                  const touchedApplications = touchedBy(change, openApplications);
                  const touchedCertifications = touchedBy(change, certifications);
                  return (
                    <li class="criterion-change" data-criterion={change.criterionId}>
                      <h3>
                        {change.criterionId} {titleOf(change)}
                      </h3>
                      {change.aspects.length > 0 ? (
                        <p>
                          {m.criteriaAdmin.changedAspects(
                            change.aspects
                              .map((aspect) => m.criteriaAdmin.aspects[aspect] ?? aspect)
                              .join(', '),
                          )}
                        </p>
                      ) : null}
                      <p>
                        {m.criteriaAdmin.touches(touchedApplications.length, touchedCertifications.length)}
                      </p>
                      <AffectedList
                        title={m.criteriaAdmin.affectedApplications}
                        items={touchedApplications}
                      />
                      <AffectedList
                        title={m.criteriaAdmin.affectedCertifications}
                        items={touchedCertifications}
                      />
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </>,
    );
  };

  routes.get('/:locale/admin/criteria', 'admin', (c) => overview(c));

  routes.get('/:locale/admin/criteria/compare', 'admin', async (c) => {
    const m = c.get('m');
    const parsed = comparisonSchema.safeParse({ from: c.req.query('from'), to: c.req.query('to') });
    const from = parsed.success ? criteria.versions.get(parsed.data.from) : undefined;
    const to = parsed.success ? criteria.versions.get(parsed.data.to) : undefined;
    // Shown on the versions page itself, with the comparison form to choose again.
    if (!from || !to || from.version === to.version) return overview(c, m.criteriaAdmin.badComparison, 400);
    return comparison(c, from, to);
  });

  routes.post('/:locale/admin/criteria/:version/publish', 'admin', async (c) => {
    const m = c.get('m');
    const parsed = versionNumber.safeParse(c.req.param('version'));
    const version = parsed.success ? criteria.versions.get(parsed.data) : undefined;
    if (!version) return renderNotFound(c);
    const current = await criteriaPublications.current();
    if (version.version <= current.version) return overview(c, m.criteriaAdmin.olderThanCurrent, 409);
    if (!(await criteriaPublications.publish(version.version, currentUser(c).id, services.now())))
      return overview(c, m.criteriaAdmin.alreadyPublished, 409);
    await audit.append(
      {
        actorId: currentUser(c).id,
        action: 'criteria-published',
        subjectId: String(version.version),
        details: { previous: current.version },
      },
      services.now(),
    );
    return c.redirect(
      `/${c.get('locale')}/admin/criteria/compare?from=${current.version}&to=${version.version}&notice=published`,
      303,
    );
  });
}
