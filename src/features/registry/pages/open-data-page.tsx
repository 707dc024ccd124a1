import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/web/env';
import type { Messages } from '../../../platform/i18n';
import { PageHeader } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';

/** How to read the registry by machine: the API, the exports, the transparency log and the credentials. */
export function openDataPage(c: Context<AppEnv>) {
  const m = c.get('m');
  const endpoints = [
    ['/api/v1/products?q=thermostat&category=smart-home&status=active&page=1', m.registry.apiList],
    ['/api/v1/products/{id}', m.registry.apiOne],
    ['/api/v1/lookup?model=AT-100', m.registry.apiLookupModel],
    ['/api/v1/lookup?url=https://example.com/product', m.registry.apiLookupUrl],
  ] as const;
  return page(
    c,
    { title: m.registry.openDataTitle },
    <>
      <PageHeader title={m.registry.openDataTitle} lead={m.registry.openDataLead} />
      <section class="card" aria-labelledby="api-title">
        <h2 id="api-title">{m.registry.apiTitle}</h2>
        <p>{m.registry.apiLead}</p>
        <EndpointList endpoints={endpoints} />
        <p>
          <a href="/api/openapi.json">OpenAPI 3.1 (JSON)</a>
        </p>
      </section>
      <section class="card" aria-labelledby="export-title">
        <h2 id="export-title">{m.registry.exportTitle}</h2>
        <ul>
          <li>
            <a href="/api/v1/export.csv">CSV</a>
          </li>
          <li>
            <a href="/api/v1/export.json">JSON</a>
          </li>
          <li>
            <a href="/feeds/certifications.atom">{m.registry.feedLink}</a>
          </li>
        </ul>
        <p>{m.registry.licence}</p>
        <p>{m.registry.exportLicence}</p>
      </section>
      <section class="card" aria-labelledby="log-title">
        <h2 id="log-title">{m.registry.logTitle}</h2>
        <p>{m.registry.logLead}</p>
        <EndpointList endpoints={logEndpoints(m)} />
        <p>{m.registry.logMonitor}</p>
      </section>
      <section class="card" aria-labelledby="credentials-title">
        <h2 id="credentials-title">{m.registry.credentialsTitle}</h2>
        <p>{m.registry.credentialsLead}</p>
        <EndpointList endpoints={credentialEndpoints(m)} />
        <p>
          <a href={`/${c.get('locale')}/verify`}>{m.registry.credentialVerify}</a> · {m.verify.commandLine}
        </p>
      </section>
    </>,
  );
}

/** Addresses a reader can call, each with what it answers. */
function EndpointList({ endpoints }: { endpoints: readonly (readonly [string, string])[] }) {
  return (
    <dl class="facts">
      {endpoints.map(([path, description]) => (
        <>
          <dt>
            <code>GET {path}</code>
          </dt>
          <dd>{description}</dd>
        </>
      ))}
    </dl>
  );
}

/** The transparency log's addresses, as the open data page explains them. */
function logEndpoints(m: Messages): [string, string][] {
  return [
    ['/log/checkpoint', m.registry.logCheckpoint],
    ['/log/key', m.registry.logKey],
    ['/log/entries?start=0&end=10', m.registry.logEntries],
    ['/log/proof/inclusion?index=0&size=10', m.registry.logInclusion],
    ['/log/proof/consistency?first=5&second=10', m.registry.logConsistency],
    ['/log/tile/0/000.p/10', m.registry.logTiles],
  ];
}

/** What a verifier of the credentials fetches, as the open data page explains it. */
function credentialEndpoints(m: Messages): [string, string][] {
  return [
    ['/.well-known/did.json', m.registry.credentialsDid],
    ['/.well-known/jwks.json', m.registry.credentialsJwks],
    ['/credentials/{id}', m.registry.credentialsOne],
    ['/credentials/status/0', m.registry.credentialsStatus],
  ];
}
