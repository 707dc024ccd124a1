import type { JSONWebKeySet, JWK } from 'jose';
import { z } from 'zod';
import { didDocumentUrl } from './did';
import type { VerificationSources } from './verify';

const DidDocument = z.object({
  id: z.string(),
  verificationMethod: z
    .array(z.object({ id: z.string(), publicKeyJwk: z.record(z.string(), z.unknown()) }))
    .min(1, 'it lists no keys'),
});

async function getText(url: string, fetcher: typeof fetch): Promise<string> {
  const response = await fetcher(url, { redirect: 'error' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/**
 * Keys and status lists as a stranger gets them: the trusted issuer's did:web document and the status
 * list over HTTP(S). Nothing of the verifying machine's own is trusted, and no other issuer's keys are
 * ever fetched.
 */
export function httpSources(
  trustedIssuer: string,
  fetcher: typeof fetch = fetch,
  /** The scheme of the address the issuer was named by, if any (see didDocumentUrl). */
  scheme?: 'http' | 'https',
): VerificationSources {
  return {
    trustedIssuer,
    async issuerKeys() {
      const url = didDocumentUrl(trustedIssuer, scheme);
      const parsed = DidDocument.safeParse(JSON.parse(await getText(url, fetcher)));
      if (!parsed.success) throw new Error(`${url} is not a DID document with keys`);
      if (parsed.data.id !== trustedIssuer)
        throw new Error(`${url} describes ${parsed.data.id}, not ${trustedIssuer}`);
      return {
        keys: parsed.data.verificationMethod.map((method) => ({
          ...(method.publicKeyJwk as JWK),
          kid: method.id,
        })),
      } satisfies JSONWebKeySet;
    },
    statusList: (url) => getText(url, fetcher),
  };
}
