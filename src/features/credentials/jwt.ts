import { SignJWT } from 'jose';
import { signingAlgorithm } from './did';
import type { SigningKey } from './keyring';

/**
 * Signs a credential as a VC-JWT: the credential is the payload itself. The JOSE header is the one
 * Open Badges 3.0 §8.2.3 allows (alg, kid, and typ "JWT"; no other header), not VC-JOSE-COSE's
 * typ "vc+jwt" with cty "vc": the credential is an Open Badge. kid names the issuer's key by its DID URL.
 * Credentials signed earlier with the VC-JOSE-COSE header keep verifying: the verifier reads either.
 */
export function signCredential(
  payload: Record<string, unknown>,
  key: SigningKey,
  keyId: string,
): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: signingAlgorithm, kid: keyId, typ: 'JWT' })
    .sign(key.privateKey);
}

/** The registered JWT claims mirroring a credential, as Open Badges 3.0 asks of a VC-JWT. */
export function withRegisteredClaims(credential: {
  id: string;
  issuer: string | { id: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject: { id?: string };
}): Record<string, unknown> {
  const seconds = (date: string) => Math.floor(Date.parse(date) / 1000);
  return {
    ...credential,
    iss: typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id,
    jti: credential.id,
    nbf: seconds(credential.validFrom),
    ...(credential.credentialSubject.id ? { sub: credential.credentialSubject.id } : {}),
    ...(credential.validUntil ? { exp: seconds(credential.validUntil) } : {}),
  };
}
