/** The citizen's PAKN pages, one chunk loaded on demand. */
export { FeedbackPage } from './FeedbackPage.tsx';
export { QaPage } from './QaPage.tsx';
