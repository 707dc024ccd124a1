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

/** How often issuing one credential may find its status list position just taken by another instance. */
const maxNumberRaces = 100;

/**
 * Only a mark in force verifies as valid. One that ended before its date (its company closed, or a renewal
 * replaced it) is revoked in the status list: its credential still carries the original end date, so
 * without this a closed company's credential, even a suspended one, would verify as valid again.
 */
const stateOf = (storedStatus: string): CredentialState =>
  storedStatus === 'active' ? 'valid' : storedStatus === 'suspended' ? 'suspended' : 'revoked';

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

  type Pending = Awaited<ReturnType<typeof unissued>>[number];

  /** Certifications without a credential: all of them, or the one named. */
  function unissued(certificationId?: string) {
    let query = db
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
      ]);
    if (certificationId) query = query.where('certification.id', '=', certificationId);
    return query.orderBy('certification.issued_at').orderBy('certification.id').execute();
  }

  /**
   * Signs and stores one certification's credential, unless it has one: run twice (a job taken over after
   * its worker died, or by another instance), the second run finds the first one's credential.
   */
  async function issueOne(row: Pending): Promise<void> {
    // Another instance may take the same running number first; then take the next one. Each lost race
    // means another credential was stored, so this ends once the others are through.
    for (let attempt = 0; attempt < maxNumberRaces; attempt++) {
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
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return;
      const taken = await db
        .selectFrom('credential')
        .select('certification_id')
        .where('certification_id', '=', row.id)
        .executeTakeFirst();
      if (taken) return;
    }
    throw new Error(`No free status list position for the credential of ${row.id}`);
  }

  async function issueMissing(certificationId?: string): Promise<void> {
    for (const row of await unissued(certificationId)) await issueOne(row);
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

  // One issuing pass at a time on this instance; other instances are kept apart by the unique keys.
  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work, work);
    // A failure is its caller's; the next pass starts regardless.
    queue = next.catch(() => undefined);
    return next;
  };

  const service = {
    did: issuer.did,

    /** Signs a credential for every certification that has none yet (new ones, and the demo data). */
    sync(): Promise<void> {
      return serially(() => issueMissing());
    },

    /** Signs the credential of one certification (the job that follows its issue); nothing if it has one. */
    issueFor(certificationId: string): Promise<void> {
      return serially(() => issueMissing(certificationId));
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
