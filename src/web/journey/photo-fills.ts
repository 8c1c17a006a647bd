/**
 * Which form fields a paper's recognised values fill, per procedure (`src/core/recognition/form-fills.ts`): loaded on
 * demand by the draft page (issue 18, light first load), since only papers with a recognition template use it.
 */
export { formValuesFrom, mappedFormKeys } from '../../core/recognition/self-digitisation.ts';
