/**
 * The assistant's answer to one question, without I/O: a question about one's own dossiers is recognised (the
 * server answers it from the asker's dossiers), a close curated/published answer is returned as written, a
 * procedure found with enough of the question's words is explained from its data, anything else gets the
 * not-sure answer.
 */
import { type Aspect, aspectsAsked, asksForStatus } from './intent.ts';
import { type ComposedAnswer, composeNotSure, composeProcedureAnswer, procedureLink } from './compose.ts';
import type { AssistantIndex, Retrieval } from './retrieve.ts';

export type Intent = 'status' | 'qa' | 'procedure' | 'not_sure';

export interface AssistantAnswer extends ComposedAnswer {
  intent: Intent;
  confident: boolean;
  retrieval: Retrieval;
  aspects: Aspect[];
}

export function answerQuestion(index: AssistantIndex, question: string, opts: { today: string; hotline: string }): AssistantAnswer {
  const aspects = aspectsAsked(question);
  const retrieval = index.retrieve(question);
  if (asksForStatus(question)) {
    // Answered by the server from the asker's own dossiers.
    return { intent: 'status', confident: true, retrieval, aspects, answer: '', sources: [], procedures: [], links: [] };
  }
  const top = retrieval.procedures[0];
  const qa = retrieval.answer;
  if (qa && (!top || top.coverage <= qa.coverage)) {
    const def = qa.item.procedureCode ? index.procedure(qa.item.procedureCode) : undefined;
    return {
      intent: 'qa',
      confident: true,
      retrieval,
      aspects,
      answer: qa.item.answer,
      sources: [{ kind: 'qa', code: qa.item.id, title: qa.item.question }, ...(def ? [{ kind: 'procedure' as const, code: def.code, title: def.name }] : [])],
      procedures: def ? [{ code: def.code, name: def.name }] : [],
      links: def ? [{ label: `Xem thủ tục ${def.name}`, href: procedureLink(def.code) }] : [],
    };
  }
  const def = top && retrieval.confident ? index.procedure(top.code) : undefined;
  if (!def) return { intent: 'not_sure', confident: false, retrieval, aspects, ...composeNotSure(opts.hotline) };
  return { intent: 'procedure', confident: true, retrieval, aspects, ...composeProcedureAnswer(def, { caseCode: top.caseCode, aspects, today: opts.today }) };
}
