import { dimensions } from '../../criteria/dimensions-rules';
import type { Locale, Messages } from '../../../platform/i18n';
import type { PoolMember } from '../reviewers-store';

/** The dimensions a reviewer knows well, as checkboxes on their profile. */
export function ExpertiseSection({
  m,
  locale,
  member,
}: {
  m: Messages;
  locale: Locale;
  member: PoolMember | undefined;
}) {
  if (!member) return null;
  return (
    <section class="card" aria-labelledby="expertise-title">
      <h2 id="expertise-title">{m.reviewerPool.expertise}</h2>
      <form method="post" action={`/${locale}/review/expertise`} class="form">
        <fieldset class="field">
          <legend>{m.reviewerPool.expertiseLead}</legend>
          {dimensions.map((dimension) => (
            <label class="choice">
              <input
                type="checkbox"
                name="expertise"
                value={dimension}
                checked={member.expertise.has(dimension)}
              />{' '}
              {m.dimensions.items[dimension].name}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="button">
          {m.reviewerPool.saveExpertise}
        </button>
      </form>
    </section>
  );
}
