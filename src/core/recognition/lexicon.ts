/**
 * Dictionary correction of the OCR slip seen most on Vietnamese print: the vowel a/ă/â read as o/ô/ơ or the other way
 * (tháng → thóng, trấn → trốn, Hải → Hỏi, nhân → nhôn), with the tone mark usually right. A word that is not in the
 * lexicon is replaced by the one lexicon word that differs from it only in those vowels and has the same tone; when
 * there is no such word, or more than one, the word is left as read. Words in capitals (names on civil-status papers)
 * are never touched: a name is not a dictionary word.
 */
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** The word with every a/ă/â/o/ô/ơ (whatever its tone) as `*`, the tone kept: words that OCR confuses share a key. */
export function vowelKey(word: string): string {
  let key = '';
  for (const c of word.toLocaleLowerCase('vi').normalize('NFC')) {
    const d = c.normalize('NFD');
    const tone = (d.match(TONES) ?? []).join('');
    const base = d.replace(TONES, '');
    key += /^[ao][\u0302\u0306\u031b]?$/.test(base) ? `*${tone}` : d;
  }
  return key;
}

export interface Lexicon {
  has(word: string): boolean;
  candidates(word: string): string[];
}

/** Words and two-word phrases (e.g. "cá nhân", so that "có nhôn" is read as it, though "có" is also a word). */
export function createLexicon(words: Iterable<string>): Lexicon {
  const known = new Set<string>();
  const byKey = new Map<string, Set<string>>();
  for (const w of words) {
    const lower = w.toLocaleLowerCase('vi').normalize('NFC').trim();
    if (!/^\p{L}+( \p{L}+)?$/u.test(lower)) continue;
    known.add(lower);
    const k = vowelKey(lower);
    byKey.set(k, (byKey.get(k) ?? new Set()).add(lower));
  }
  return { has: (w) => known.has(w.toLocaleLowerCase('vi').normalize('NFC')), candidates: (w) => [...(byKey.get(vowelKey(w)) ?? [])] };
}

const isCapitals = (w: string) => [...w].length > 1 && w === w.toLocaleUpperCase('vi');
const withCaseOf = (model: string, fix: string) =>
  model[0] === model[0]?.toLocaleUpperCase('vi') ? fix.charAt(0).toLocaleUpperCase('vi') + fix.slice(1) : fix;

export function correctWord(word: string, lexicon: Lexicon): string {
  const w = word.normalize('NFC');
  if (isCapitals(w) || lexicon.has(w)) return w;
  const found = lexicon.candidates(w);
  return found.length === 1 ? withCaseOf(w, found[0] as string) : w;
}

/** Every word of the text corrected (two-word phrases first); everything between words unchanged. */
export function correctText(text: string, lexicon: Lexicon): string {
  const parts = text.normalize('NFC').split(/(\p{L}+)/u); // odd indexes are words
  for (let i = 1; i < parts.length; i += 2) {
    const w = parts[i] as string;
    const next = parts[i + 2];
    if (next !== undefined && parts[i + 1] === ' ' && !isCapitals(w) && !isCapitals(next)) {
      const pair = `${w} ${next}`;
      const found = lexicon.has(pair) ? [] : lexicon.candidates(pair);
      if (found.length === 1) {
        const [a, b] = (found[0] as string).split(' ') as [string, string];
        parts[i] = withCaseOf(w, a);
        parts[i + 2] = withCaseOf(next, b);
        i += 2;
        continue;
      }
    }
    parts[i] = correctWord(w, lexicon);
  }
  return parts.join('');
}

/**
 * Words of the papers recognition reads (labels, headings, common address and civil-status words). Place names come
 * from the administrative-unit list at run time (the server adds them).
 */
export const DOCUMENT_WORDS = `cộng hòa xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc giấy khai sinh chứng nhận kết hôn xác thông tin về
cư trú quyền sử dụng đất sở hữu nhà ở và tài sản khác gắn liền với họ chữ đệm tên ngày tháng năm sinh giới tính nam nữ
dân tộc kinh quốc tịch nơi quê quán số định danh cá nhân người mẹ cha chồng vợ của đăng ký thường tạm hiện tại chủ hộ
quan hệ con cháu anh chị em ông bà địa chỉ thửa tờ bản đồ diện tích vào sổ cấp ủy ban nhân dân xã phường thị trấn huyện
quận tỉnh thành phố thôn ấp bản làng tổ khu phố xóm đường trạm y tế bệnh viện đa khoa trung tâm sản nhi hộ tịch công an
cấp mục đích thời hạn nguồn gốc lâu dài riêng chung đã được có không và theo`
  .split(/\s+/)
  .filter(Boolean);

/** Two-word phrases of the papers (from the printed labels): they settle words that are each real ("có"/"cá"). */
export function phrasesOf(lines: Iterable<string>): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const words = line.toLocaleLowerCase('vi').match(/\p{L}+/gu) ?? [];
    for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  }
  return out;
}
