/**
 * Updating a certified product whose evidence changed, as pure rules: when a company may start the
 * update, and which copied answers it confirms by starting it.
 */

export type UpdateRefusal =
  /** The product has no active certification to update. */
  | 'not-certified'
  /** No pinned evidence of it changed: a renewal, not an update, is what the company wants. */
  | 'nothing-changed'
  /** An application of the product is already open: the company continues that one. */
  | 'under-way';

export function updateRefusal(input: {
  certified: boolean;
  changedCriteria: readonly string[];
  openApplicationId: string | undefined;
}): UpdateRefusal | undefined {
  if (!input.certified) return 'not-certified';
  if (input.openApplicationId !== undefined) return 'under-way';
  if (input.changedCriteria.length === 0) return 'nothing-changed';
  return undefined;
}

/**
 * What starting the update confirms. The company starts it from a notice that names the changed criteria
 * and says every other answer is taken over as certified, so those copied answers are confirmed in that one
 * step. The criteria whose evidence changed keep the usual rule for copied answers: they stay to be checked
 * and saved one by one before the update can be submitted.
 */
export function confirmedByStarting(
  criterionIds: readonly string[],
  changedCriteria: ReadonlySet<string>,
): { confirmed: string[]; toCheck: string[] } {
  return {
    confirmed: criterionIds.filter((id) => !changedCriteria.has(id)),
    toCheck: criterionIds.filter((id) => changedCriteria.has(id)),
  };
}
