import type { Context } from 'hono';
import type { CertificationRow } from '../../../platform/db/schema';
import type { AppEnv } from '../../../platform/web/env';
import { formatDate, type Locale, type Messages } from '../../../platform/i18n';
import { PageHeader } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import type { CertificationStatus } from '../../registry/rules';
import { labelSize } from '../label';
import { badgeKey, badgeVariants, variantName, type BadgeVariant } from '../rules';

type Ctx = Context<AppEnv>;

export interface KitView {
  certification: CertificationRow;
  status: CertificationStatus;
  baseUrl: string;
  shortLink: string;
  /** This page's address; the label is served below it. */
  path: string;
  /** The company's page for security notices and firmware releases. */
  securityPath: string;
}

interface Parts {
  m: Messages;
  locale: Locale;
  view: KitView;
}

/** The company's mark kit: live status, short link, badges with snippets, QR code, label, credential. */
export function kitPage(c: Ctx, view: KitView) {
  const m = c.get('m');
  const parts = { m, locale: c.get('locale'), view };
  const title = m.markKit.title(view.certification.product_name);
  return page(
    c,
    { title, indexable: false },
    <>
      <PageHeader title={title} lead={m.markKit.lead} />
      <StatusSection {...parts} />
      <BadgesSection {...parts} />
      <QrSection {...parts} />
      <LabelSection {...parts} />
      <section class="card" aria-labelledby="kit-credential-title">
        <h2 id="kit-credential-title">{m.markKit.credentialTitle}</h2>
        <p>{m.markKit.credentialLead}</p>
        <p>
          <a class="button button-secondary" href={`/credentials/${view.certification.id}`} download>
            {m.markKit.credentialDownload}
          </a>
        </p>
      </section>
    </>,
  );
}

function StatusSection({ m, locale, view }: Parts) {
  const { certification } = view;
  return (
    <section class="card" aria-labelledby="kit-status-title">
      <h2 id="kit-status-title">{m.markKit.status}</h2>
      <p>
        {m.markKit.statusText(
          m.registry.statuses[view.status] ?? view.status,
          formatDate(locale, certification.valid_until),
        )}
      </p>
      <p>
        <a href={`/${locale}/products/${certification.id}`}>{m.markKit.publicPage}</a> ·{' '}
        <a href={view.securityPath}>{m.security.manageLink}</a>
      </p>
      <h3 id="kit-short-link">{m.markKit.shortLink}</h3>
      <p>{m.markKit.shortLinkLead}</p>
      <p>
        <a href={view.shortLink}>{view.shortLink}</a>
      </p>
    </section>
  );
}

function BadgesSection({ m, view }: Parts) {
  return (
    <section class="card" aria-labelledby="kit-badges-title">
      <h2 id="kit-badges-title">{m.markKit.badges}</h2>
      <p>{m.markKit.badgesLead}</p>
      {badgeVariants.map((variant) => (
        <BadgeVariantView m={m} view={view} variant={variant} />
      ))}
    </section>
  );
}

function BadgeVariantView({ m, view, variant }: { m: Messages; view: KitView; variant: BadgeVariant }) {
  const name = variantName(variant);
  const path = `/badge/${badgeKey(view.certification.id, variant)}.svg`;
  const badgeUrl = `${view.baseUrl}${path}`;
  const alt = `Trustmark: ${view.certification.product_name}`;
  const heading = `${m.markKit.styles[variant.style]}, ${m.markKit.themes[variant.theme]}, ${m.markKit.languages[variant.language]}`;
  return (
    <article class={`kit-badge kit-badge-${variant.theme}`} id={`badge-${name}`}>
      <h3>{heading}</h3>
      <p>
        <img src={path} alt={m.markKit.badgeAlt(view.certification.product_name)} />{' '}
        <a href={path} download={`trustmark-${name}.svg`}>
          {m.markKit.download} (SVG)
        </a>
      </p>
      <label for={`html-${name}`}>{m.markKit.html}</label>
      <textarea id={`html-${name}`} readonly rows={3}>
        {`<a href="${view.shortLink}"><img src="${badgeUrl}" alt="${alt}"></a>`}
      </textarea>
      <label for={`markdown-${name}`}>{m.markKit.markdown}</label>
      <textarea id={`markdown-${name}`} readonly rows={2}>
        {`[![${alt}](${badgeUrl})](${view.shortLink})`}
      </textarea>
    </article>
  );
}

function QrSection({ m, view }: Parts) {
  const base = `/p/${view.certification.id}`;
  return (
    <section class="card" aria-labelledby="kit-qr-title">
      <h2 id="kit-qr-title">{m.markKit.qrTitle}</h2>
      <p>{m.markKit.qrLead}</p>
      <p>
        <img src={`${base}/qr.svg`} alt={m.markKit.qrAlt} width="160" height="160" />
      </p>
      <p>
        <a href={`${base}/qr.svg`} download="trustmark-qr.svg">
          {m.markKit.qrSvg}
        </a>{' '}
        ·{' '}
        <a href={`${base}/qr.png`} download="trustmark-qr.png">
          {m.markKit.qrPng}
        </a>
      </p>
    </section>
  );
}

function LabelSection({ m, view }: Parts) {
  const label = `${view.path}/label.svg`;
  return (
    <section class="card" aria-labelledby="kit-label-title">
      <h2 id="kit-label-title">{m.markKit.labelTitle}</h2>
      <p>{m.markKit.labelLead(labelSize.width, labelSize.height)}</p>
      <p>
        <img src={label} alt={m.markKit.labelAlt} width="296" height="160" />
      </p>
      <p>
        <a href={label} download="trustmark-label.svg">
          {m.markKit.labelDownload}
        </a>
      </p>
    </section>
  );
}
