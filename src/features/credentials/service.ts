import type { JSONWebKeySet } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema';
import { didDocument, jwks, keyIdFor } from './did';
import { signCredential, withRegisteredClaims } from './jwt';
import type { Keyring } from './keyring';
import { certificationCredential, statusListBase, statusListCredential, type Issuer } from './open-badge';
import type { VerificationSources } from './verify';
import { encodeStatusList, entriesPerList, listCount, positionOf, type CredentialState } from './status-list';

/** How long a signed status list is served before it is built again (a change on this instance drops it at once). */
export const statusListFreshnessMs = 5000;

const stateOf = (storedStatus: string): CredentialState =>
  storedStatus === 'suspended' ? 'suspended' : storedStatus === 'revoked' ? 'revoked' : 'valid';

/**
 * Issues each certification's Open Badges credential (once, signed with the active key) and publishes
 * the status lists that suspensions, reinstatements and revocations change. The lists are built from
 * the certifications' stored status, so a status change needs no second write to stay in step.
 */
export function createCredentialService(deps: {
  db: Kysely<Database>;
  keyring: Keyring;
  issuer: Issuer;
  now: () => Date;
}) {
  const { db, keyring, issuer } = deps;
  const signingKey = keyring.active;
  const keyId = keyIdFor(issuer.did, signingKey.thumbprint);
  const lists = new Map<number, { jwt: string; at: number }>();

  const sign = (payload: Record<string, unknown>) => signCredential(payload, signingKey, keyId);

  async function issueMissing(): Promise<void> {
    const pending = await db
      .selectFrom('certification')
      .leftJoin('credential', 'credential.certification_id', 'certification.id')
      .where('credential.certification_id', 'is', null)
      .select([
        'certification.id',
        'certification.product_name',
        'certification.company_name',
        'certification.model_numbers',
        'certification.criteria_version',
        'certification.issued_at',
        'certification.valid_until',
      ])
      .orderBy('certification.issued_at')
      .orderBy('certification.id')
      .execute();
    for (const row of pending) {
      // Another instance may take the same running number first; then take the next one.
      for (let attempt = 0; attempt < 5; attempt++) {
        const last = await db
          .selectFrom('credential')
          .select((eb) => eb.fn.max('status_sequence').as('last'))
          .executeTakeFirst();
        const statusSequence = last?.last === null || last?.last === undefined ? 0 : Number(last.last) + 1;
        const credential = certificationCredential(issuer, {
          certificationId: row.id,
          productName: row.product_name,
          companyName: row.company_name,
          modelNumbers: row.model_numbers.split('\n').filter(Boolean),
          criteriaVersion: row.criteria_version,
          issuedAt: row.issued_at,
          validUntil: row.valid_until,
          statusSequence,
        });
        const jwt = await sign(withRegisteredClaims(credential));
        const inserted = await db
          .insertInto('credential')
          .values({
            certification_id: row.id,
            status_sequence: statusSequence,
            key_id: keyId,
            jwt,
            issued_at: deps.now().toISOString(),
          })
          .onConflict((conflict) => conflict.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) break;
        const taken = await db
          .selectFrom('credential')
          .select('certification_id')
          .where('certification_id', '=', row.id)
          .executeTakeFirst();
        if (taken) break;
      }
    }
  }

  async function buildStatusList(list: number): Promise<string | undefined> {
    const rows = await db
      .selectFrom('credential')
      .innerJoin('certification', 'certification.id', 'credential.certification_id')
      .select(['credential.status_sequence', 'certification.status'])
      .where('credential.status_sequence', '>=', list * entriesPerList)
      .where('credential.status_sequence', '<', (list + 1) * entriesPerList)
      .execute();
    // No credential points into this list: there is nothing to publish.
    if (rows.length === 0) return undefined;
    const states = new Map<number, CredentialState>();
    for (const row of rows) {
      const state = stateOf(row.status);
      if (state !== 'valid') states.set(positionOf(row.status_sequence).index, state);
    }
    const now = deps.now();
    const credential = statusListCredential(issuer, list, encodeStatusList(states), now);
    return sign(withRegisteredClaims(credential));
  }

  let queue: Promise<void> = Promise.resolve();

  const service = {
    did: issuer.did,

    /** Signs a credential for every certification that has none yet (new ones, and the demo data). */
    sync(): Promise<void> {
      queue = queue.then(issueMissing, issueMissing);
      return queue;
    },

    async jwtFor(certificationId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('credential')
        .select('jwt')
        .where('certification_id', '=', certificationId)
        .executeTakeFirst();
      return row?.jwt;
    },

    /** The signed status list, or undefined for a list no credential points into. */
    async statusListJwt(list: number): Promise<string | undefined> {
      if (!Number.isSafeInteger(list) || list < 0 || list >= listCount) return undefined;
      const cached = lists.get(list);
      if (cached && Date.now() - cached.at <= statusListFreshnessMs) return cached.jwt;
      const jwt = await buildStatusList(list);
      if (jwt) lists.set(list, { jwt, at: Date.now() });
      return jwt;
    },

    /** A status changed here: the next status list read is built afresh. */
    invalidate(): void {
      lists.clear();
    },

    jwks(): JSONWebKeySet {
      return jwks(issuer.did, keyring.all) as JSONWebKeySet;
    },

    didDocument() {
      return didDocument(issuer.did, keyring.all);
    },

    /** Keys and status lists read from this instance, for its own Verify page: only its credentials pass. */
    localSources(): VerificationSources {
      const listPrefix = statusListBase(issuer.baseUrl);
      return {
        trustedIssuer: issuer.did,
        issuerKeys: async () => service.jwks(),
        statusList: async (url) => {
          const list = url.startsWith(listPrefix) ? Number(url.slice(listPrefix.length)) : NaN;
          const jwt = await service.statusListJwt(list);
          if (!jwt) throw new Error('this program publishes no such status list');
          return jwt;
        },
      };
    },
  };
  return service;
}

export type CredentialService = ReturnType<typeof createCredentialService>;
