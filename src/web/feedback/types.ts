/** PAKN and Q&A answers as the pages use them: the contract's types (src/contract/feedback.ts). */
import type { z } from 'zod';
import type { FeedbackView, PublishedQa, StaffFeedbackView } from '../../contract/feedback.ts';

export type Feedback = z.infer<typeof FeedbackView>;
export type StaffFeedback = z.infer<typeof StaffFeedbackView>;
export type Qa = z.infer<typeof PublishedQa>;
