/**
 * What a question asks, read from its folded words: the status of one's own dossiers (with or without a dossier
 * code), and which aspects of a procedure (documents, fees, time limit, where to submit).
 */
import { foldForAssistant } from './text.ts';

export type Aspect = 'documents' | 'fees' | 'timeLimit' | 'where';

const DOSSIER_CODE = /\b\d{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}-\d{6}-\d{4,}\b/gi;

/** Dossier codes (mã hồ sơ, TT 01/2018 format) written in the question, upper-cased. */
export function dossierCodesIn(question: string): string[] {
  return [...new Set([...question.matchAll(DOSSIER_CODE)].map((m) => m[0].toUpperCase()))];
}

const has = (q: string, phrases: string[]) => phrases.some((p) => ` ${q} `.includes(` ${p} `));

const STATUS_PHRASES = [
  'ho so cua toi',
  'ho so cua minh',
  'ho so cua em',
  'ho so toi nop',
  'ho so minh nop',
  'ho so em nop',
  'ho so da nop',
  'den dau roi',
  'toi dau roi',
  'tinh trang ho so',
  'trang thai ho so',
  'tien do ho so',
  'tra cuu ho so',
  'ho so dang o dau',
  'da co ket qua chua',
  'xong chua',
  'my dossier',
  'my application',
];

/** Whether the question asks where the asker's dossier stands. */
export function asksForStatus(question: string): boolean {
  if (dossierCodesIn(question).length > 0) return true;
  return has(foldForAssistant(question), STATUS_PHRASES);
}

const ASPECT_PHRASES: Record<Aspect, string[]> = {
  documents: [
    'giay to gi',
    'giay to nao',
    'giay to can',
    'can gi',
    'can nhung gi',
    'gom nhung gi',
    'gom gi',
    'chuan bi gi',
    'chuan bi nhung',
    'mang theo',
    'mang gi',
    'thanh phan',
    'ho so gom',
    'can mang',
    'documents',
  ],
  fees: ['bao nhieu tien', 'le phi', 'phi', 'mat tien', 'ton tien', 'het bao nhieu', 'mat bao nhieu', 'ton bao nhieu', 'mien phi', 'fee', 'fees', 'cost'],
  timeLimit: ['bao lau', 'may ngay', 'bao nhieu ngay', 'mat may', 'khi nao co', 'bao gio co', 'thoi han', 'thoi gian', 'how long'],
  where: ['o dau', 'noi nao', 'cho nao', 'co quan nao', 'nop o', 'lam o', 'where'],
};

/** The question without the words that only say which aspect is asked ("mất bao lâu", "bao nhiêu tiền"). */
export function withoutAspectWords(folded: string): string {
  let q = ` ${folded} `;
  const phrases = [...Object.values(ASPECT_PHRASES).flat(), 'mat bao lau', 'mat may ngay', 'mat tien', 'mat phi', 'mat bao nhieu'].sort(
    (a, b) => b.length - a.length,
  );
  for (const p of phrases) q = q.split(` ${p} `).join(' ');
  return q.trim().replace(/ +/g, ' ');
}

/** The aspects the question asks about; none means "tell me about it" (all of them). */
export function aspectsAsked(question: string): Aspect[] {
  const q = foldForAssistant(question);
  return (Object.keys(ASPECT_PHRASES) as Aspect[]).filter((a) => has(q, ASPECT_PHRASES[a]));
}
