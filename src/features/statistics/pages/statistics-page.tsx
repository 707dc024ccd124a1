import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/web/env';
import { applicationStatuses } from '../../applications/rules';
import { dimensions } from '../../criteria/dimensions-rules';
import { productCategories } from '../../products/rules';
import { countBy } from '../rules';
import { AdminNav, PageHeader, TableRegion } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { ReviewTimes } from '../../review';
import type { ReviewQuality } from '../quality';
import { ReviewQualitySection } from './review-quality';

export interface Figures {
  statuses: string[];
  timings: Parameters<typeof ReviewTimes>[0]['timings'];
  /** The categories of the certifications that carry the mark now. */
  currentCategories: string[];
  /** For each current certification, the dimensions it fulfils. */
  fulfilled: Set<string>[];
  /** Applications submitted and marks issued per recent month. */
  submitted: { key: string; count: number }[];
  issued: { key: string; count: number }[];
  /** Agreement between reviewers and each reviewer's figures. */
  quality: ReviewQuality;
}

function CountTable(props: {
  caption: string;
  keyLabel: string;
  countLabel: string;
  rows: { label: string; count: number }[];
}) {
  return (
    <TableRegion label={props.caption}>
      <table class="table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.keyLabel}</th>
            <th scope="col">{props.countLabel}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row">{row.label}</th>
              <td>{row.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** The program's figures for its admins: applications, review times, certifications, over time. */
export function statisticsPage(c: Context<AppEnv>, figures: Figures) {
  const m = c.get('m');
  const locale = c.get('locale');
  const { statuses, timings, fulfilled, submitted, issued } = figures;
  return page(
    c,
    { title: m.statistics.title, indexable: false },
    <>
      <AdminNav locale={locale} m={m} />
      <PageHeader title={m.statistics.title} lead={m.statistics.lead} />
      <section class="card">
        <CountTable
          caption={m.statistics.applications}
          keyLabel={m.statistics.status}
          countLabel={m.statistics.count}
          rows={countBy(statuses, (status) => status, applicationStatuses).map((entry) => ({
            label: m.applications.statuses[entry.key] ?? entry.key,
            count: entry.count,
          }))}
        />
      </section>
      <section class="card">
        <ReviewTimes timings={timings} m={m} caption={m.statistics.times} />
      </section>
      <section class="card">
        <CountTable
          caption={m.statistics.certifications}
          keyLabel={m.statistics.category}
          countLabel={m.statistics.count}
          rows={countBy(figures.currentCategories, (category) => category, productCategories).map(
            (entry) => ({
              label: m.products.categories[entry.key] ?? entry.key,
              count: entry.count,
            }),
          )}
        />
      </section>
      <section class="card">
        <CountTable
          caption={m.statistics.dimensions}
          keyLabel={m.statistics.dimension}
          countLabel={m.statistics.count}
          rows={dimensions.map((dimension) => ({
            label: m.dimensions.items[dimension].name,
            count: fulfilled.filter((set) => set.has(dimension)).length,
          }))}
        />
      </section>
      <ReviewQualitySection quality={figures.quality} m={m} locale={locale} />
      <section class="card">
        <TableRegion label={m.statistics.overTime}>
          <table class="table">
            <caption>{m.statistics.overTime}</caption>
            <thead>
              <tr>
                <th scope="col">{m.statistics.month}</th>
                <th scope="col">{m.statistics.submitted}</th>
                <th scope="col">{m.statistics.issued}</th>
              </tr>
            </thead>
            <tbody>
              {submitted.map((entry, index) => (
                <tr>
                  <th scope="row">{entry.key}</th>
                  <td>{entry.count}</td>
                  <td>{issued[index]?.count ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>
    </>,
  );
}
