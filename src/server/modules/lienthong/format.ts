/** "09:45 ngày 07/12/2026" in Vietnam time. */
import { localParts } from '../../../core/time/local.ts';

export function formatVnDateTime(at: Date): string {
  const p = localParts(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.hour)}:${two(p.minute)} ngày ${two(p.day)}/${two(p.month)}/${p.year}`;
}
