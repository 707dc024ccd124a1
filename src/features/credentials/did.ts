import type { JWK } from 'jose';

/**
 * The issuer's identity as did:web: the program's own host names it, and its public keys are published
 * at /.well-known/did.json (and as a JWKS at /.well-known/jwks.json) for anyone to check a signature.
 */
export const signingAlgorithm = 'EdDSA';

export interface PublishedKey {
  thumbprint: string;
  publicJwk: JWK;
}

/** "did:web:trustmark.example" (a port is written %3A, as did:web requires). */
export function didWebFor(baseUrl: string): string {
  return `did:web:${encodeURIComponent(new URL(baseUrl).host)}`;
}

/**
 * The did:web of a program named by its DID or by its address (its BASE_URL); throws in words for
 * anything else. The DID is taken as written: a look-alike spelling is another issuer.
 */
export function issuerDidFrom(value: string): string {
  if (value.startsWith('did:')) {
    didDocumentUrl(value);
    return value;
  }
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw new Error(
      `${value} is neither a did:web identifier nor an address such as https://trustmark.example`,
    );
  return didWebFor(value);
}

/**
 * Where a did:web document lives. Loopback hosts are read over plain HTTP so local instances verify, unless
 * the issuer was named by an https:// address (a local instance behind a TLS proxy, as the topology test runs).
 */
export function didDocumentUrl(did: string, scheme?: 'http' | 'https'): string {
  const match = /^did:web:([^:]+)((?::[^:]+)*)$/.exec(did);
  if (!match?.[1]) throw new Error(`${did} is not a did:web identifier`);
  const host = decodeURIComponent(match[1]);
  const hostname = host.replace(/:\d+$/, '');
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  const chosen = loopback ? (scheme ?? 'http') : 'https';
  const path = match[2]
    ? `${match[2].split(':').map(decodeURIComponent).join('/')}/did.json`
    : '/.well-known/did.json';
  return `${chosen}://${host}${path}`;
}

export const keyIdFor = (did: string, thumbprint: string) => `${did}#${thumbprint}`;

export function didDocument(did: string, keys: readonly PublishedKey[]) {
  const ids = keys.map((key) => keyIdFor(did, key.thumbprint));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: keys.map((key) => ({
      id: keyIdFor(did, key.thumbprint),
      type: 'JsonWebKey2020',
      controller: did,
      publicKeyJwk: key.publicJwk,
    })),
    assertionMethod: ids,
  };
}

/** The same keys as a JSON Web Key Set; each key id is the DID URL a credential's header names. */
export function jwks(did: string, keys: readonly PublishedKey[]) {
  return {
    keys: keys.map((key) => ({
      ...key.publicJwk,
      kid: keyIdFor(did, key.thumbprint),
      alg: signingAlgorithm,
      use: 'sig',
    })),
  };
}
