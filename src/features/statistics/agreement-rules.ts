/**
 * How alike two reviewers judge: pure arithmetic over their verdicts, no database.
 *
 * Every pair of reviewers who both submitted a verdict on the same criterion in the same round of the same
 * application is one rated item (with three reviewers, each of the three pairs counts). For a set of such
 * items we give the share of identical verdicts and Cohen's kappa, which discounts the agreement two
 * reviewers would reach by chance given how often each uses each verdict.
 */

/**
 * Cohen's kappa of a square contingency table (rows: the first rater's categories, columns: the second's):
 * κ = (pₒ − pₑ) / (1 − pₑ). Undefined when the table is empty, and when chance agreement is already
 * certain (pₑ = 1: both raters used one and the same category throughout), where the formula divides by 0.
 */
export function cohensKappa(table: readonly (readonly number[])[]): number | undefined {
  const size = table.length;
  if (table.some((row) => row.length !== size)) throw new Error('the table must be square');
  const total = table.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  if (total === 0) return undefined;
  const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = table.map((_, k) => table.reduce((sum, row) => sum + (row[k] ?? 0), 0));
  let observed = 0;
  let chance = 0;
  table.forEach((row, k) => {
    observed += row[k] ?? 0;
    chance += ((rowTotals[k] ?? 0) / total) * ((columnTotals[k] ?? 0) / total);
  });
  observed /= total;
  // Chance agreement of 1 (up to rounding) leaves nothing to measure agreement beyond chance against.
  if (Math.abs(1 - chance) < 1e-12) return undefined;
  return (observed - chance) / (1 - chance);
}

/** The contingency table of paired ratings over the given categories (ratings outside them are ignored). */
export function contingencyTable<C extends string>(
  pairs: readonly (readonly [C, C])[],
  categories: readonly C[],
): number[][] {
  const table = categories.map(() => categories.map(() => 0));
  for (const [first, second] of pairs) {
    const row = categories.indexOf(first);
    const column = categories.indexOf(second);
    const cells = table[row];
    if (cells && column >= 0) cells[column] = (cells[column] ?? 0) + 1;
  }
  return table;
}

export interface Agreement {
  /** How many pairs of verdicts were compared. */
  pairs: number;
  /** Share (0..1) of pairs with the same verdict; undefined without pairs. */
  identical: number | undefined;
  kappa: number | undefined;
}

export function agreementOf<C extends string>(
  pairs: readonly (readonly [C, C])[],
  categories: readonly C[],
): Agreement {
  const same = pairs.filter(([first, second]) => first === second).length;
  return {
    pairs: pairs.length,
    identical: pairs.length === 0 ? undefined : same / pairs.length,
    kappa: cohensKappa(contingencyTable(pairs, categories)),
  };
}

/** One submitted verdict, as the statistics read it. */
export interface SubmittedVerdict {
  applicationId: string;
  round: number;
  reviewerId: string;
  criterionId: string;
  verdict: string;
}

export interface VerdictPair {
  criterionId: string;
  verdicts: readonly [string, string];
}

/**
 * Every pair of reviewers' verdicts on the same criterion in the same round, the reviewer with the smaller
 * id first (kappa treats the two raters as distinct; a fixed order keeps the result repeatable).
 */
export function verdictPairs(verdicts: readonly SubmittedVerdict[]): VerdictPair[] {
  const groups = new Map<string, SubmittedVerdict[]>();
  for (const verdict of verdicts) {
    const key = JSON.stringify([verdict.applicationId, verdict.round, verdict.criterionId]);
    groups.set(key, [...(groups.get(key) ?? []), verdict]);
  }
  const pairs: VerdictPair[] = [];
  for (const group of groups.values()) {
    const ordered = [...group].sort((a, b) => a.reviewerId.localeCompare(b.reviewerId));
    ordered.forEach((first, index) => {
      for (const second of ordered.slice(index + 1))
        pairs.push({ criterionId: first.criterionId, verdicts: [first.verdict, second.verdict] });
    });
  }
  return pairs;
}

/** Agreement per key (a criterion, a dimension), for the keys given, in their order. */
export function agreementBy<C extends string>(
  pairs: readonly VerdictPair[],
  keyOf: (criterionId: string) => string | undefined,
  keys: readonly string[],
  categories: readonly C[],
): { key: string; agreement: Agreement }[] {
  return keys.map((key) => ({
    key,
    agreement: agreementOf(
      pairs.filter((pair) => keyOf(pair.criterionId) === key).map((pair) => pair.verdicts as readonly [C, C]),
      categories,
    ),
  }));
}

/**
 * The criteria reviewers agree on least — candidates for clearer guidance: those with at least
 * `minimumPairs` compared pairs, by share of identical verdicts, then by kappa (undefined last), lowest first.
 */
export function lowestAgreement(
  perCriterion: readonly { key: string; agreement: Agreement }[],
  limit: number,
  minimumPairs = 1,
): { key: string; agreement: Agreement }[] {
  return perCriterion
    .filter((entry) => entry.agreement.pairs >= minimumPairs && entry.agreement.identical !== undefined)
    .sort(
      (a, b) =>
        (a.agreement.identical ?? 0) - (b.agreement.identical ?? 0) ||
        (a.agreement.kappa ?? Infinity) - (b.agreement.kappa ?? Infinity) ||
        a.key.localeCompare(b.key),
    )
    .slice(0, limit);
}
