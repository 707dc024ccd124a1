import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/web/env';
import type { Locale, Messages } from '../../../platform/i18n';
import { PageHeader, SelectField } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { productCategories } from '../../products/rules';
import { certificationStatuses, searchCountCap } from '../rules';
import type { CardItem } from '../label';
import { ProductCard } from './label';
import { pageSorts, searchTextLength, type RegistrySearch } from '../schemas';

type Ctx = Context<AppEnv>;

export interface SearchView {
  query: RegistrySearch;
  items: CardItem[];
  total: number;
  /** More than `total` match; only the first `total` can be paged through. */
  totalIsLowerBound: boolean;
  /** The page asked for lies past those. */
  beyondLastPage: boolean;
  pages: number;
  companies: { slug: string; name: string }[];
  now: Date;
}

/** A page of search results, keeping the query; the defaults stay out of the address. */
function pageLink(locale: Locale, query: RegistrySearch, pageNumber: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, page: String(pageNumber) })) {
    if (value && !(key === 'sort' && value === 'name') && !(key === 'page' && value === '1'))
      params.set(key, String(value));
  }
  const search = params.toString();
  return `/${locale}/products${search ? `?${search}` : ''}`;
}

export function searchPage(c: Ctx, view: SearchView) {
  const m = c.get('m');
  const locale = c.get('locale');
  const { query, items, total, pages } = view;
  const linkTo = (pageNumber: number) => pageLink(locale, query, pageNumber);
  return page(
    c,
    { title: m.registry.title },
    <>
      <PageHeader title={m.registry.title} lead={m.registry.lead} />
      <SearchForm m={m} locale={locale} query={query} companies={view.companies} now={view.now} />
      <p role="status">
        {view.totalIsLowerBound ? m.registry.foundMoreThan(total) : m.registry.found(total)}
        {view.beyondLastPage && (view.totalIsLowerBound || total > searchCountCap)
          ? ` ${m.registry.beyondLastPage(searchCountCap)}`
          : ''}
      </p>
      <ul class="card-list">
        {items.map((item) => (
          <ProductCard m={m} locale={locale} item={item} />
        ))}
      </ul>
      {pages > 1 ? (
        <nav aria-label={m.registry.pagination} class="pagination">
          {query.page > 1 ? (
            <a href={linkTo(Math.min(query.page - 1, pages))}>{m.registry.previous}</a>
          ) : null}{' '}
          <span>{m.registry.pageOf(Math.min(query.page, pages), pages)}</span>{' '}
          {query.page < pages ? <a href={linkTo(query.page + 1)}>{m.registry.next}</a> : null}
        </nav>
      ) : null}
      <p>
        <a href={`/${locale}/open-data`}>{m.registry.openData}</a>
      </p>
    </>,
  );
}

function SearchForm(props: {
  m: Messages;
  locale: Locale;
  query: RegistrySearch;
  companies: SearchView['companies'];
  now: Date;
}) {
  const { m, locale, query, companies } = props;
  // This year and the next ten: the support ends a buyer would ask for.
  const thisYear = props.now.getUTCFullYear();
  const years = Array.from({ length: 11 }, (_, index) => thisYear + index);
  return (
    <form method="get" action={`/${locale}/products`} class="search-form registry-search" role="search">
      <div class="field">
        <label for="q">{m.registry.search}</label>
        <input id="q" name="q" type="search" value={query.q} maxlength={searchTextLength} />
      </div>
      <SelectField
        name="category"
        label={m.products.category}
        any={m.registry.any}
        selected={query.category}
        options={productCategories.map((value) => ({
          value,
          label: m.products.categories[value] ?? value,
        }))}
      />
      <SelectField
        name="company"
        label={m.review.company}
        any={m.registry.any}
        selected={query.company}
        options={companies.map((company) => ({ value: company.slug, label: company.name }))}
      />
      <SelectField
        name="status"
        label={m.review.status}
        any={m.registry.any}
        selected={query.status}
        options={certificationStatuses.map((value) => ({
          value,
          label: m.registry.statuses[value] ?? value,
        }))}
      />
      <SelectField
        name="openness"
        label={m.label.opennessFilter}
        any={m.registry.any}
        selected={query.openness === undefined ? undefined : String(query.openness)}
        options={[1, 2, 3].map((value) => ({
          value: String(value),
          label: m.label.opennessLevels[value] ?? '',
        }))}
      />
      <SelectField
        name="updatesUntil"
        label={m.label.updatesFilter}
        any={m.registry.any}
        selected={query.updatesUntil === undefined ? undefined : String(query.updatesUntil)}
        options={years.map((value) => ({ value: String(value), label: String(value) }))}
      />
      <SelectField
        name="sort"
        label={m.registry.sort}
        selected={query.sort}
        options={pageSorts.map((value) => ({ value, label: m.registry.sorts[value] ?? value }))}
      />
      <button type="submit" class="button">
        {m.registry.searchButton}
      </button>
    </form>
  );
}

/** Every certification of one company, for the registry's company page, as the registry's cards. */
export function companyRegistryPage(c: Ctx, companyName: string, items: CardItem[]) {
  const m = c.get('m');
  const locale = c.get('locale');
  return page(
    c,
    { title: companyName },
    <>
      <PageHeader title={companyName} lead={m.registry.companyLead(items.length)} />
      <ul class="card-list">
        {items.map((item) => (
          <ProductCard m={m} locale={locale} item={item} />
        ))}
      </ul>
    </>,
  );
}
