/**
 * bench/recognition — how well the offline recognisers read Vietnamese papers, and how fast.
 *
 * The target (issue 16): on clean scans ≥ 95% of characters and ≥ 90% of fields right.
 *
 *   1. Generates N documents per type (default 5 × 4 types = 20) with src/server/modules/recognition/specimens.ts:
 *      birth certificate, marriage certificate, residence confirmation, land paper first page, rendered with the
 *      project's own font (Be Vietnam Pro) from seeded random people, places and numbers, each with its true fields.
 *   2. Recognises each document twice through the same interface the server and CLI use (createRecogniser): as a clean
 *      200 dpi scan, and degraded — turned by up to ±2.5°, speckle noise on 2–4% of pixels, Gaussian blur σ 0.5–0.9,
 *      JPEG quality 60–75 (the seed decides).
 *   3. Prints per type and condition: character accuracy (1 − edit distance / length over the whole printed text),
 *      field accuracy (share of fields whose value equals the truth exactly), the share of fields whose wrong value was
 *      flagged as low confidence (< 0.8), the type detection rate, and the time per page (mean and max, ms, including
 *      normalisation and QR search); then PASS/FAIL lines against the clean-scan targets. Also one identity-card QR
 *      photo per document: seven fields exact or not.
 *
 * Usage: npm run bench:recognition [-- --per-type 5 --seed 1 --json --show-wrong]
 */
import { parseArgs } from 'node:util';
import { characterAccuracy, fieldAccuracy } from '../src/core/recognition/accuracy.ts';
import { LOW_CONFIDENCE } from '../src/core/recognition/fields.ts';
import { createRecogniser } from '../src/server/modules/recognition/index.ts';
import { degrade, photographIdCardBack, renderSpecimen, seededRandom, SPECIMEN_TYPES } from '../src/server/modules/recognition/specimens.ts';

const { values } = parseArgs({
  options: { 'per-type': { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, 'show-wrong': { type: 'boolean' } },
});
const perType = Number(values['per-type'] ?? 5);
const seed = Number(values.seed ?? 1);

interface Row {
  type: string;
  condition: 'clean' | 'degraded';
  chars: number;
  fields: number;
  wrongFlagged: number | null;
  detected: boolean;
  ms: number;
}

const recogniser = createRecogniser();
const rows: Row[] = [];
let cardsExact = 0;
let cards = 0;
const cardMs: number[] = [];
// Warm the OCR worker so the first page does not carry its start-up.
await recogniser.recognise((await renderSpecimen('birth-certificate', 999)).png);

for (const type of SPECIMEN_TYPES) {
  for (let i = 0; i < perType; i++) {
    const s = await renderSpecimen(type, seed * 1000 + i);
    const random = seededRandom(seed * 7919 + i);
    const degraded = await degrade(
      s.png,
      { rotate: (random() * 2 - 1) * 2.5, noise: 0.02 + random() * 0.02, blur: 0.5 + random() * 0.4, jpegQuality: 60 + Math.floor(random() * 16) },
      random,
    );
    for (const [condition, image] of [
      ['clean', s.png],
      ['degraded', degraded],
    ] as const) {
      const t = performance.now();
      const r = await recogniser.recognise(image);
      const ms = performance.now() - t;
      const got = Object.fromEntries(r.fields.map((f) => [f.name, f.value]));
      const wrong = r.fields.filter((f) => f.name in s.truth && f.value !== s.truth[f.name]);
      rows.push({
        type,
        condition,
        chars: characterAccuracy(s.text, r.text),
        fields: fieldAccuracy(s.truth, got),
        wrongFlagged: wrong.length ? wrong.filter((f) => f.confidence < LOW_CONFIDENCE).length / wrong.length : null,
        detected: r.type === type,
        ms,
      });
      if (values['show-wrong'])
        for (const f of wrong)
          process.stderr.write(`\n${type} ${condition} ${f.name}: ${JSON.stringify(f.value)} ≠ ${JSON.stringify(s.truth[f.name])} (${f.confidence})`);
      else if (!values.json) process.stderr.write('.');
    }
    const holder = {
      personalId: '075190000123',
      fullName: `Người Thứ ${i}`,
      dateOfBirth: '1990-03-12',
      sex: 'Nữ' as const,
      permanentResidence: 'Thôn 3, xã Phú Riềng, tỉnh Đồng Nai',
      issueDate: '2021-07-01',
    };
    const photo = await photographIdCardBack(holder, { angle: 5 + ((i * 37) % 80), jpegQuality: 45 + ((i * 11) % 40) });
    const t = performance.now();
    const card = await recogniser.recognise(photo);
    cardMs.push(performance.now() - t);
    cards++;
    const expected: Record<string, string> = { ...holder, oldIdNumber: '' };
    if (card.type === 'citizen-id-card' && card.fields.length === 7 && card.fields.every((f) => f.value === expected[f.name])) cardsExact++;
  }
}
await recogniser.close();
if (!values.json) process.stderr.write('\n');

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const pct = (x: number) => (Number.isNaN(x) ? '   —  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const summary = [...SPECIMEN_TYPES, 'all'].flatMap((type) =>
  (['clean', 'degraded'] as const).map((condition) => {
    const rs = rows.filter((r) => (type === 'all' || r.type === type) && r.condition === condition);
    const flagged = rs.map((r) => r.wrongFlagged).filter((x): x is number => x !== null);
    return {
      type,
      condition,
      documents: rs.length,
      characterAccuracy: mean(rs.map((r) => r.chars)),
      fieldAccuracy: mean(rs.map((r) => r.fields)),
      wrongFieldsFlagged: mean(flagged),
      typeDetected: mean(rs.map((r) => (r.detected ? 1 : 0))),
      msPerPageMean: mean(rs.map((r) => r.ms)),
      msPerPageMax: Math.max(...rs.map((r) => r.ms)),
    };
  }),
);
const clean = summary.find((s) => s.type === 'all' && s.condition === 'clean')!;
const verdict = {
  characters: clean.characterAccuracy >= 0.95,
  fields: clean.fieldAccuracy >= 0.9,
  idCardQr: cardsExact === cards,
};
if (values.json) console.log(JSON.stringify({ perType, seed, summary, idCards: { photos: cards, exact: cardsExact, msMean: mean(cardMs) }, verdict }, null, 2));
else {
  console.log(`Recognition benchmark: ${perType} documents per type × ${SPECIMEN_TYPES.length} types, seed ${seed}, each clean and degraded.\n`);
  console.log(`${'type'.padEnd(24)}${'condition'.padEnd(10)} docs  chars    fields   wrong→flagged  type ok   ms/page mean   max`);
  for (const s of summary)
    console.log(
      `${s.type.padEnd(24)}${s.condition.padEnd(10)}${String(s.documents).padStart(4)}  ${pct(s.characterAccuracy)}  ${pct(s.fieldAccuracy)}  ${pct(s.wrongFieldsFlagged).padStart(13)}  ${pct(s.typeDetected)}  ${mean([s.msPerPageMean]).toFixed(0).padStart(12)}  ${s.msPerPageMax.toFixed(0).padStart(5)}`,
    );
  console.log(`\nIdentity-card QR photos (angle 5–85°, JPEG 45–84): ${cardsExact}/${cards} with all seven fields exact, ${mean(cardMs).toFixed(0)} ms mean.`);
  console.log(`${verdict.characters ? 'PASS' : 'FAIL'} characters on clean scans ${pct(clean.characterAccuracy)} (target ≥ 95%)`);
  console.log(`${verdict.fields ? 'PASS' : 'FAIL'} fields on clean scans ${pct(clean.fieldAccuracy)} (target ≥ 90%)`);
  console.log(`${verdict.idCardQr ? 'PASS' : 'FAIL'} identity-card QR: seven fields exact on every photo`);
}
