/**
 * How close recognised text is to the truth: character accuracy = 1 − edit distance / length of the truth (the usual
 * OCR measure, can go below 0 for garbage, clamped to 0), over NFC strings with whitespace runs collapsed.
 */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length] as number;
}

const tidy = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

export function characterAccuracy(truth: string, recognised: string): number {
  const t = tidy(truth);
  const r = tidy(recognised);
  if (t.length === 0) return r.length === 0 ? 1 : 0;
  return Math.max(0, 1 - editDistance(t, r) / [...t].length);
}

/** Share of expected fields whose recognised value equals the truth exactly (after tidying). */
export function fieldAccuracy(truth: Record<string, string>, recognised: Record<string, string>): number {
  const names = Object.keys(truth);
  if (names.length === 0) return 1;
  return names.filter((n) => tidy(truth[n] as string) === tidy(recognised[n] ?? '')).length / names.length;
}
