import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const minimumPasswordLength = 10;
export const maximumPasswordLength = 256;

/**
 * Rejects passwords that are common or follow guessable patterns, with zxcvbn's offline dictionaries
 * (no third-party breach service: the platform sends nothing to other hosts).
 */
let estimator: ZxcvbnFactory | undefined;
/** Built at the first password checked: its ranked dictionaries take some 20 MB most processes never need. */
const estimatorOnce = () =>
  (estimator ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs }));

/** Score 3 means "safely unguessable: moderate protection from offline slow-hash scenario". */
const minimumScore = 3;

/** Words an attacker would try first for this person on this site. */
function guessableWords(personalDetails: string[]): string[] {
  const words = personalDetails.flatMap((detail) => detail.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  return ['trustmark', ...words.filter((word) => word.length >= 3)];
}

/** `personalDetails` are the person's name, email address and the like, which a password must not lean on. */
export function isPasswordStrongEnough(password: string, personalDetails: string[] = []): boolean {
  if (password.length < minimumPasswordLength || password.length > maximumPasswordLength) return false;
  // zxcvbn's cost grows with length; everything past 100 characters only makes a password stronger.
  return estimatorOnce().check(password.slice(0, 100), guessableWords(personalDetails)).score >= minimumScore;
}
