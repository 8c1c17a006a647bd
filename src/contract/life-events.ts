/** Life-event suggestions for the logged-in citizen (docs/feedback.md, "Life-event suggestions"). */
import { z } from 'zod';

export const LifeEventSuggestion = z.strictObject({
  ruleId: z.string(),
  title: z.string(),
  /** Why, in plain Vietnamese, from the citizen's own records. */
  reason: z.string(),
  /** yyyy-mm-dd */
  dueBy: z.string(),
  procedureCode: z.string().nullable(),
  /** The e-form at the right case, or the procedure's guide; null when the procedure is not in this catalogue. */
  href: z.string().nullable(),
  basis: z.string(),
});

export const LifeEventSuggestions = z.strictObject({
  /** The day the rules were evaluated on (Vietnam), yyyy-mm-dd. */
  today: z.string(),
  items: z.array(LifeEventSuggestion),
});
