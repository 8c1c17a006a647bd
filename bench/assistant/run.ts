/**
 * bench/assistant — accuracy and speed of the assistant's retrieval on questions as citizens write them.
 *
 * Reads bench/assistant/questions.json (question → the procedure that answers it, or null for a question outside
 * the catalogue), builds the assistant's index from the catalogue files and the phrasing table (data/), and for each
 * question retrieves and composes the answer as POST /api/assistant/ask does (without the database and HTTP).
 * Prints top-1 and top-3 accuracy over the in-catalogue questions, how many out-of-catalogue questions got the
 * not-sure answer, the median and p95 answer time, and every miss.
 *
 * Usage: npm run bench:assistant [-- --verbose]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerQuestion } from '../../src/core/assistant/answer.ts';
import { AssistantIndex, type Phrasing } from '../../src/core/assistant/retrieve.ts';
import { readCatalogueFiles } from '../../src/server/modules/catalogue/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const { questions } = JSON.parse(fs.readFileSync(path.join(here, 'questions.json'), 'utf8')) as { questions: { q: string; expected: string | null }[] };
const { phrasings } = JSON.parse(fs.readFileSync(path.join(here, '../../data/assistant/phrasings.json'), 'utf8')) as { phrasings: Phrasing[] };
const verbose = process.argv.includes('--verbose');

const catalogue = readCatalogueFiles();
const index = new AssistantIndex(catalogue, phrasings);
const codes = new Set(catalogue.map((d) => d.code));

let top1 = 0;
let top3 = 0;
let inCatalogue = 0;
let outside = 0;
let outsideNotSure = 0;
let invented = 0;
const times: number[] = [];
const misses: string[] = [];
for (let round = 0; round < 5; round++) {
  for (const { q, expected } of questions) {
    const t0 = performance.now();
    const r = answerQuestion(index, q, { today: '2026-01-15', hotline: '1022' });
    times.push(performance.now() - t0);
    if (round > 0) continue;
    if (r.sources.some((s) => s.kind === 'procedure' && !codes.has(s.code))) invented++;
    const ranked = r.retrieval.procedures.map((p) => p.code);
    if (expected === null) {
      outside++;
      if (!r.confident) outsideNotSure++;
      else misses.push(`outside but confident: "${q}" → ${ranked[0]}`);
      continue;
    }
    inCatalogue++;
    const first = r.confident ? r.procedures[0]?.code : undefined;
    if (first === expected) top1++;
    else
      misses.push(
        `top-1 miss: "${q}" expected ${expected}, got ${first ?? '(not sure)'} [${r.retrieval.procedures.map((p) => `${p.code}:${p.score}/${p.coverage.toFixed(2)}`).join(' ')}]`,
      );
    if (r.confident && ranked.slice(0, 3).includes(expected)) top3++;
    if (verbose) console.log(q, '→', ranked.join(' '));
  }
}
times.sort((a, b) => a - b);
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;
console.log(`questions: ${questions.length} (${inCatalogue} in the catalogue, ${outside} outside)`);
console.log(`top-1 accuracy: ${pct(top1, inCatalogue)}`);
console.log(`top-3 accuracy: ${pct(top3, inCatalogue)}`);
console.log(`outside the catalogue answered "not sure": ${pct(outsideNotSure, outside)}`);
console.log(`sources not in the catalogue: ${invented}`);
console.log(
  `answer time: median ${times[Math.floor(times.length / 2)].toFixed(2)} ms, p95 ${times[Math.floor(times.length * 0.95)].toFixed(2)} ms (${times.length} answers)`,
);
for (const m of misses) console.log(`  ${m}`);
