import type { Context } from 'hono';
import { formatDate } from '../../../platform/i18n';
import type { AppEnv } from '../../../platform/web/env';
import { ButtonForm, Notice, PageHeader } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { evidenceDe } from '../messages.de';
import { evidenceEn } from '../messages.en';
import type { UpdateView } from '../update';

/**
 * The company's notice of changed evidence on its certified product, with the way to update it: which
 * links changed, by when, and what starting the update confirms.
 */
export function updatePage(c: Context<AppEnv>, view: UpdateView, criteriaCount: number) {
  const locale = c.get('locale');
  const e = locale === 'de' ? evidenceDe : evidenceEn;
  const u = e.update;
  const here = c.req.path;
  const productPath = here.replace(/\/update$/, '');
  const changed = view.certified?.changed ?? [];
  const first = changed[0];
  const toCheck = new Set(changed.map((pin) => pin.criterion_id)).size;
  return page(
    c,
    { title: u.title(view.product.name), indexable: false },
    <>
      <p>
        <a href={productPath}>← {u.productPage}</a>
      </p>
      <PageHeader title={u.title(view.product.name)} />
      {!view.certified ? <p>{u.notCertified}</p> : null}
      {view.certified && !first ? <p>{u.nothingChanged}</p> : null}
      {first ? (
        <Notice tone="warning">
          <p>
            <strong>
              {e.changedNotice(formatDate(locale, first.reviewed_checked_at ?? first.pinned_at))}
            </strong>
          </p>
          <p>{u.changedLead(formatDate(locale, first.reviewed_checked_at ?? first.pinned_at))}</p>
          <ul>
            {changed.map((pin) => (
              <li>
                {u.changedItem(
                  pin.criterion_id,
                  pin.title,
                  e.changes[pin.change ?? 'changed'] ?? '',
                  pin.changed_at ? formatDate(locale, pin.changed_at) : '',
                )}
              </li>
            ))}
          </ul>
          {first.update_due_at ? <p>{u.due(formatDate(locale, first.update_due_at))}</p> : null}
        </Notice>
      ) : null}
      {view.openApplicationId ? (
        <p>
          {u.underWay} <a href={`/${locale}/applications/${view.openApplicationId}`}>{u.openApplication}</a>
        </p>
      ) : first ? (
        <>
          <p>{u.howItWorks(criteriaCount - toCheck)}</p>
          <ButtonForm action={here} label={u.start} />
        </>
      ) : null}
    </>,
  );
}
