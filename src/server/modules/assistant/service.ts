/**
 * The assistant on the server: its index over the current catalogue, the default phrasing table
 * (data/assistant/phrasings.json) plus the administrators' phrasings and curated answers, rebuilt when any of them
 * changes; answering (own dossiers from the database, everything else from src/core/assistant), the optional
 * Generator, and the question log without personal data.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerQuestion, type Intent } from '../../../core/assistant/answer.ts';
import type { ComposedAnswer } from '../../../core/assistant/compose.ts';
import { redactPersonalData } from '../../../core/assistant/redact.ts';
import { AssistantIndex, type CuratedAnswer, type Phrasing } from '../../../core/assistant/retrieve.ts';
import { localDay } from '../../../core/time/local.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import { kysely } from '../../db/kysely.ts';
import { now } from '../../clock.ts';
import type { Actor } from '../../http/actor.ts';
import { catalogueCache, type ProcedureVersion } from '../catalogue/index.ts';
import { generatorFromConfig, type Generator } from './generator.ts';
import { ownDossiersAnswer } from './own-dossiers.ts';

const PHRASINGS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/assistant/phrasings.json');

let filePhrasings: Phrasing[] | undefined;
/** The default phrasing table shipped with MotCua. */
export function defaultPhrasings(): Phrasing[] {
  filePhrasings ??= (JSON.parse(fs.readFileSync(PHRASINGS_FILE, 'utf8')) as { phrasings: Phrasing[] }).phrasings;
  return filePhrasings;
}

export interface AskResult extends ComposedAnswer {
  questionId: string;
  confident: boolean;
  intent: Intent;
  generated: boolean;
}

export class Assistant {
  private revision = '';
  private catalogue: ProcedureVersion[] = [];
  private index: AssistantIndex | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly generator: Generator | null,
  ) {}

  /** The index, rebuilt when the catalogue, the phrasings or the curated answers changed (in any process). */
  async currentIndex(): Promise<AssistantIndex> {
    const catalogue = await catalogueCache(this.ctx.db).all();
    const rev = (
      await this.ctx.db.query<{ rev: string }>(
        `SELECT (SELECT count(*) || ':' || coalesce(max(id), 0) FROM assistant_phrasings) || '/' ||
                (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM assistant_answers) AS rev`,
      )
    ).rows[0].rev;
    if (!this.index || rev !== this.revision || catalogue !== this.catalogue) {
      const db = kysely(this.ctx.db);
      const phrasings = await db.selectFrom('assistant_phrasings').select(['phrase', 'procedure_code', 'case_code']).execute();
      const answers = await db.selectFrom('assistant_answers').select(['id', 'question', 'answer', 'procedure_code']).execute();
      this.index = new AssistantIndex(
        catalogue.map((v) => v.definition),
        [...defaultPhrasings(), ...phrasings.map((p) => ({ phrase: p.phrase, procedureCode: p.procedure_code, caseCode: p.case_code ?? undefined }))],
        answers.map(
          (a): CuratedAnswer => ({ id: `TL-${a.id}`, question: a.question, answer: a.answer, procedureCode: a.procedure_code ?? undefined, kind: 'curated' }),
        ),
      );
      this.revision = rev;
      this.catalogue = catalogue;
    }
    return this.index;
  }

  async ask(question: string, actor: Actor | null): Promise<AskResult> {
    const started = performance.now();
    const index = await this.currentIndex();
    const core = answerQuestion(index, question, { today: localDay(now()), hotline: this.ctx.config.assistant.hotline });
    let composed: ComposedAnswer = { answer: core.answer, sources: core.sources, procedures: core.procedures, links: core.links };
    if (core.intent === 'status') composed = await ownDossiersAnswer(this.ctx.db, actor, question);
    let generated = false;
    if (this.generator && core.intent === 'procedure') {
      const rewrite = await this.generator.phrase({
        question,
        draft: composed.answer,
        passages: composed.sources.map((s) => ({ id: `${s.kind}:${s.code}`, text: composed.answer })),
      });
      if (rewrite) {
        composed = { ...composed, answer: rewrite };
        generated = true;
      }
    }
    const questionId = crypto.randomUUID();
    await kysely(this.ctx.db)
      .insertInto('assistant_log')
      .values({
        id: questionId,
        asked_at: now(),
        question: redactPersonalData(question),
        intent: core.intent,
        confident: core.confident,
        // A dossier answer names the asker's dossiers: only the procedures are kept, never the dossier codes.
        procedure_codes: composed.procedures.map((p) => p.code),
        source_codes: composed.sources.filter((s) => s.kind !== 'dossier').map((s) => `${s.kind}:${s.code}`),
        duration_ms: Math.round(performance.now() - started),
      })
      .execute();
    return { ...composed, questionId, confident: core.confident, intent: core.intent, generated };
  }
}

const assistants = new WeakMap<Database, Assistant>();
/** One assistant per database handle (its index is shared by the requests of a process). */
export function assistantFor(ctx: AppContext, generator?: Generator | null): Assistant {
  let a = assistants.get(ctx.db);
  if (!a || generator !== undefined) {
    a = new Assistant(ctx, generator === undefined ? generatorFromConfig(ctx.config.assistant) : generator);
    assistants.set(ctx.db, a);
  }
  return a;
}
