/**
 * Removes what identifies a person from a free text before it is stored for tuning or published: e-mail
 * addresses, dossier codes, and any run of 6 or more digits (identity numbers, phone numbers, written with spaces,
 * dots or dashes as people do). Names in free text cannot be found reliably; the assistant's log keeps no
 * asker and no answer text, so a name in a question is not linked to anyone.
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[email]')
    .replace(/\b\d{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}-\d{6}-\d{4,}\b/gi, '[mã hồ sơ]')
    .replace(/\+?\d(?:[\s.-]?\d){5,}/g, '[số]');
}
