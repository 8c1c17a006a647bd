import type { selfdigitVi } from './selfdigit.vi.ts';

/** English strings of self-digitisation (key `selfdigit`). */
export const selfdigitEn: typeof selfdigitVi = {
  photo: 'Photograph the paper',
  photoHint:
    'Take a photo of the paper with your phone camera (or choose a photo). The system reads it to fill in the form; you check each value. The photo is a photo copy, not a certified copy: an official will compare it with the original when you hand in the papers or collect the result.',
  photoLabel: 'Photograph {{name}}',
  uploading: 'Sending the photo of {{name}}',
  photoCopy: 'Photo copy you digitised',
  recognising: 'Reading the paper…',
  failed: 'The paper could not be read: {{error}} The photo is still attached; please type the values.',
  confirmTitle: 'Check what was read ({{n}}/{{total}})',
  confirmLead: 'Compare each value with the paper. Correct it if needed, then press "Correct, next".',
  low: 'Uncertain — please check this value carefully.',
  confidence: 'Confidence: {{pct}}%',
  next: 'Correct, next',
  finish: 'Confirm the values',
  changedFrom: 'Changed from: {{value}}',
  done: '{{n}} values from the paper confirmed.',
  filled: 'Filled in the form: {{fields}}.',
  saveError: 'The confirmation could not be saved. Please try again.',
  staffTitle: 'Photo copies digitised by the citizen',
  needsCheck: 'Photo copy digitised by the citizen — to be checked against the original',
  checked:
    'Checked against the original at {{at}} by {{name}}: conversion mark stamped (Decree 137/2024), signed by {{certificate}}, digitised and placed in the citizen’s store.',
  notConfirmed: 'The citizen has not confirmed the values read.',
  confirmOriginal: 'Checked against the original',
  confirmOriginalHint: 'Only press this after comparing the photo copy with the original paper the citizen shows.',
  confirming: 'Stamping and signing…',
  view: 'View {{name}}',
  fieldsCaption: 'Values the citizen confirmed',
  field: 'Value',
  value: 'Value and source',
  loadError: 'The dossier’s photo copies could not be loaded.',
};
