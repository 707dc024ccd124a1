import type { Context } from 'hono';
import type { AppServices } from '../../../app/services';
import { formatDate } from '../../../platform/i18n';
import type { AppEnv } from '../../../platform/web/env';
import { PageHeader } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { dimensions } from '../../criteria/dimensions-rules';
import { applicationStatusLabel } from '../../registry';
import type { LoadedApplication } from '../load';
import { AnswerView, textOf } from './application-parts';

/** The whole self-assessment on one page, for paper and for PDF. */
export async function renderPrintPage(c: Context<AppEnv>, services: AppServices, loaded: LoadedApplication) {
  const m = c.get('m');
  const locale = c.get('locale');
  const { application, product, version } = loaded;
  const answers = await services.applications.answers(application.id);
  const certification = await services.registry.forApplication(application.id);
  const now = services.now();
  return page(
    c,
    { title: m.applications.title(product.name), indexable: false },
    <article class="printable">
      <PageHeader title={m.applications.title(product.name)} />
      <p class="muted">
        {applicationStatusLabel(application, certification ? [certification] : [], now, m)} ·{' '}
        {m.applications.criteriaVersion(version.version)} ·{' '}
        {m.applications.printedOn(formatDate(locale, now))}
      </p>
      <dl class="facts">
        <dt>{m.products.modelNumbers}</dt>
        <dd>{product.model_numbers.split('\n').join(', ')}</dd>
        <dt>{m.products.firmwareVersion}</dt>
        <dd>{product.firmware_version}</dd>
        <dt>{m.products.supportEndDate}</dt>
        <dd>{formatDate(locale, product.support_end_date)}</dd>
      </dl>
      {dimensions.map((dimension) => (
        <section>
          <h2>{m.dimensions.items[dimension].name}</h2>
          {version.criteria
            .filter((criterion) => criterion.dimension === dimension)
            .map((criterion) => {
              const answer = answers.get(criterion.id);
              return (
                <section class="printed-answer">
                  <h3>
                    {criterion.id} {textOf(criterion, locale).title}
                  </h3>
                  <p class="muted">{textOf(criterion, locale).question}</p>
                  {answer ? <AnswerView answer={answer} m={m} /> : null}
                </section>
              );
            })}
        </section>
      ))}
    </article>,
  );
}
