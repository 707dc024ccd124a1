import { positionOf, statusMessages, statusSize } from './status-list';

/**
 * Open Badges 3.0 credentials (W3C Verifiable Credentials Data Model 2.0) for certifications, and the
 * Bitstring Status List credential that tells their live state. Plain data in, plain JSON out: the
 * signing and the storage live elsewhere.
 */
export const vcContext = 'https://www.w3.org/ns/credentials/v2';
export const openBadgesContext = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const openBadgesSchema =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

export interface CertifiedFacts {
  certificationId: string;
  productName: string;
  companyName: string;
  modelNumbers: readonly string[];
  criteriaVersion: number;
  /** ISO timestamp of the decision. */
  issuedAt: string;
  /** The last day (YYYY-MM-DD) the mark is valid. */
  validUntil: string;
  /** The credential's running number, which fixes its place in the status lists. */
  statusSequence: number;
}

export interface Issuer {
  did: string;
  name: string;
  baseUrl: string;
}

/**
 * A date as an XML Schema dateTime in whole seconds. The JWT's nbf and exp are whole seconds and must
 * equal validFrom and validUntil (Open Badges 3.0 §8.2.4.1), so the credential never states a fraction.
 */
export function inWholeSeconds(date: string | Date): string {
  const milliseconds = new Date(date).getTime();
  return new Date(milliseconds - (milliseconds % 1000)).toISOString().replace('.000Z', 'Z');
}

export const credentialUrl = (baseUrl: string, certificationId: string) =>
  `${baseUrl}/credentials/${certificationId}`;
/** Where the status lists live; list n is at this address followed by n. */
export const statusListBase = (baseUrl: string) => `${baseUrl}/credentials/status/`;
export const statusListUrl = (baseUrl: string, list: number) => `${statusListBase(baseUrl)}${list}`;

/** The Open Badges credential a certified product carries. */
export function certificationCredential(issuer: Issuer, facts: CertifiedFacts) {
  const { list, index } = positionOf(facts.statusSequence);
  const listUrl = statusListUrl(issuer.baseUrl, list);
  const models = facts.modelNumbers.length > 0 ? ` (${facts.modelNumbers.join(', ')})` : '';
  return {
    '@context': [vcContext, openBadgesContext],
    id: credentialUrl(issuer.baseUrl, facts.certificationId),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${issuer.name}: ${facts.productName}`,
    description: `${facts.productName}${models} by ${facts.companyName} meets the ${issuer.name} criteria, version ${facts.criteriaVersion}, as decided by the program's expert reviewers.`,
    issuer: { id: issuer.did, type: ['Profile'], name: issuer.name, url: issuer.baseUrl },
    validFrom: inWholeSeconds(facts.issuedAt),
    // The mark is valid through its last day.
    validUntil: `${facts.validUntil}T23:59:59Z`,
    credentialSubject: {
      // The public registry entry identifies the certified product, by its language-neutral short link
      // (it opens the entry in the reader's language).
      id: `${issuer.baseUrl}/p/${facts.certificationId}`,
      type: ['AchievementSubject'],
      achievement: {
        id: `${issuer.baseUrl}/en/dimensions#criteria-version-${facts.criteriaVersion}`,
        type: ['Achievement'],
        achievementType: 'Certification',
        name: `${issuer.name} certification, criteria version ${facts.criteriaVersion}`,
        description: `A connected product that meets the ${issuer.name} criteria on privacy and data practices, transparency, security, stability and openness.`,
        criteria: {
          id: `${issuer.baseUrl}/en/dimensions`,
          narrative: `The company answered every criterion of version ${facts.criteriaVersion} with an explanation and evidence; expert reviewers of the program checked the answers and certified the product.`,
        },
      },
    },
    credentialStatus: {
      id: `${listUrl}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'message',
      statusListIndex: String(index),
      statusListCredential: listUrl,
      statusSize,
      statusMessage: statusMessages,
    },
    credentialSchema: [{ id: openBadgesSchema, type: '1EdTechJsonSchemaValidator2019' }],
  };
}

export type CertificationCredential = ReturnType<typeof certificationCredential>;

/** The status list credential: one list of states, signed like the credentials that point into it. */
export function statusListCredential(issuer: Issuer, list: number, encodedList: string, now: Date) {
  const url = statusListUrl(issuer.baseUrl, list);
  return {
    '@context': [vcContext],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuer.did,
    validFrom: inWholeSeconds(now),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'message',
      encodedList,
    },
  };
}
