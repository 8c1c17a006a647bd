/**
 * Optional phrasing of the assistant's answers by a language model. The assistant always builds its answer from
 * MotCua's data first (src/core/assistant); a Generator may only rewrite that draft in friendlier words from the
 * same passages. The sources returned to the citizen are the retrieved ones, whatever the model writes, and a
 * rewrite that drops a figure or a link of the draft, or adds one, is thrown away (the draft is used).
 *
 * The default is none: the portal runs fully offline. An operator plugs in any OpenAI-compatible endpoint
 * (`POST {url}/chat/completions`) with ASSISTANT_GENERATOR_URL / _MODEL / _API_KEY.
 */
export interface GenerationInput {
  question: string;
  /** The answer built from the data; the model may only rephrase it. */
  draft: string;
  /** The retrieved passages, each with its source id. */
  passages: { id: string; text: string }[];
}

export interface Generator {
  /** The rephrased answer, or null to keep the draft. */
  phrase(input: GenerationInput): Promise<string | null>;
}

const SYSTEM_PROMPT =
  'Bạn là trợ lý của cổng dịch vụ công. Chỉ viết lại câu trả lời nháp cho dễ hiểu, bằng tiếng Việt, dựa DUY NHẤT vào ' +
  'các đoạn trích được cung cấp. Không thêm bước, giấy tờ, số tiền, thời hạn hay địa chỉ nào không có trong câu trả lời nháp. ' +
  'Giữ nguyên mọi con số và mọi đường dẫn.';

/** Numbers (amounts, days, codes) and portal links of a text: what a rewrite must keep, and may not add. */
function facts(text: string): Set<string> {
  return new Set([...(text.match(/\d[\d.,]*/g) ?? []).map((n) => n.replace(/[.,]$/, '')), ...(text.match(/\/[a-z0-9\-/?=.]+/gi) ?? [])]);
}

export function keepsTheFacts(draft: string, rewrite: string): boolean {
  const a = facts(draft);
  const b = facts(rewrite);
  return a.size === b.size && [...a].every((x) => b.has(x));
}

export class OpenAiCompatibleGenerator implements Generator {
  constructor(private readonly opts: { url: string; model: string; apiKey?: string; timeoutMs?: number; fetch?: typeof fetch }) {}

  async phrase(input: GenerationInput): Promise<string | null> {
    const doFetch = this.opts.fetch ?? fetch;
    try {
      const res = await doFetch(`${this.opts.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}) },
        body: JSON.stringify({
          model: this.opts.model,
          temperature: 0,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            {
              role: 'user',
              content: `Câu hỏi: ${input.question}\n\nĐoạn trích:\n${input.passages.map((p) => `[${p.id}] ${p.text}`).join('\n')}\n\nCâu trả lời nháp:\n${input.draft}`,
            },
          ],
        }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 8000),
      });
      if (!res.ok) return null;
      const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
      const text = body.choices?.[0]?.message?.content;
      if (typeof text !== 'string' || !text.trim() || text.length > 6000) return null;
      return keepsTheFacts(input.draft, text) ? text.trim() : null;
    } catch {
      return null; // unreachable, slow or malformed: the draft is the answer
    }
  }
}

export function generatorFromConfig(c: { generatorUrl: string; generatorModel: string; generatorApiKey: string }): Generator | null {
  if (!c.generatorUrl) return null;
  return new OpenAiCompatibleGenerator({ url: c.generatorUrl, model: c.generatorModel || 'default', apiKey: c.generatorApiKey || undefined });
}
