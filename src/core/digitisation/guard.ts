/**
 * The digitisation guard (issue 16 item 3): the back office may not finish a step that would lose the dossier its
 * 766 digitisation points (QĐ 766/QĐ-TTg indicators 4.2–4.3, domain-and-law.md §2.3). The checklist is the one
 * Phú Riềng's plan gives for a low digitisation score (wave2-capabilities.md C6, seed 001):
 *   - a component of a counter or postal dossier with no file ("thành phần hồ sơ … không đính kèm đối với hình thức
 *     nộp trực tiếp");
 *   - a result without its file ("hồ sơ không có tập tin kết quả");
 *   - a refusal, stop or withdrawal without its document ("từ chối, dừng xử lý, yêu cầu rút hồ sơ nhưng không đính
 *     kèm văn bản đề nghị");
 *   - identity not checked against the population database ("công chức không kiểm tra danh tính số khi tiếp nhận").
 *
 * Pure: the caller gathers the facts (src/server/modules/dossiers/digitisation-guard.ts) and refuses the action when
 * `digitisationProblems` returns anything; the daily report runs the same rules over every open dossier
 * (`dossierRisks`).
 */

export type GuardedAction = 'accept' | 'forward' | 'issue_result' | 'return_result' | 'refuse' | 'stop' | 'withdraw';

export const GUARDED_ACTIONS: readonly GuardedAction[] = ['accept', 'forward', 'issue_result', 'return_result', 'refuse', 'stop', 'withdraw'];

export type RiskCode = 'COMPONENT_WITHOUT_FILE' | 'RESULT_WITHOUT_FILE' | 'DOCUMENT_MISSING' | 'IDENTITY_NOT_CHECKED';

export interface DigitisationFacts {
  /** 1 counter, 2 online, 3 post (national KenhThucHien). */
  channel: 1 | 2 | 3;
  /** The dossier's components: requirement code and name, whether a file is attached. */
  components: readonly { requirementCode: string; name: string; hasFile: boolean }[];
  /** Logged in with the national e-ID, or checked against the population database (counter, post). */
  identityChecked: boolean;
  /** A valid, signed result file exists for the dossier (results table). */
  resultFile: boolean;
  /** For refuse / stop / withdraw: the document that goes with it (the issued form or the citizen's written request). */
  actionDocument?: boolean;
}

export interface DigitisationProblem {
  code: RiskCode;
  /** Vietnamese explanation for the official: what is missing and why it matters. */
  vi: string;
  en: string;
}

const componentProblem = (names: string[]): DigitisationProblem => ({
  code: 'COMPONENT_WITHOUT_FILE',
  vi: `Thành phần hồ sơ nhận trực tiếp chưa có tệp điện tử: ${names.join('; ')}. Vui lòng quét và đính kèm trước khi chuyển bước (hồ sơ không được tính là đã số hóa, chỉ tiêu 4.2 của Quyết định 766).`,
  en: `Components received on paper have no electronic file: ${names.join('; ')}. Scan and attach them first (otherwise the dossier is not counted as digitised, indicator 4.2 of Decision 766).`,
});

const RESULT: DigitisationProblem = {
  code: 'RESULT_WITHOUT_FILE',
  vi: 'Hồ sơ chưa có tệp kết quả điện tử đã ký số. Vui lòng ký số và phát hành kết quả điện tử trước khi trả (chỉ tiêu 4.1–4.2 của Quyết định 766).',
  en: 'The dossier has no signed electronic result file. Sign and issue the electronic result before returning it (indicators 4.1–4.2 of Decision 766).',
};

const IDENTITY: DigitisationProblem = {
  code: 'IDENTITY_NOT_CHECKED',
  vi: 'Danh tính người nộp chưa được xác thực bằng tài khoản định danh điện tử hoặc đối chiếu với Cơ sở dữ liệu quốc gia về dân cư. Vui lòng kiểm tra danh tính trước khi tiếp nhận.',
  en: 'The applicant’s identity was neither authenticated with the national e-ID nor checked against the national population database. Check it before receiving the dossier.',
};

const DOCUMENT: Record<'refuse' | 'stop' | 'withdraw', DigitisationProblem> = {
  refuse: {
    code: 'DOCUMENT_MISSING',
    vi: 'Từ chối tiếp nhận phải kèm văn bản từ chối (Mẫu 03) đính kèm hồ sơ.',
    en: 'A refusal must carry its refusal notice (form 03).',
  },
  stop: {
    code: 'DOCUMENT_MISSING',
    vi: 'Dừng giải quyết phải kèm văn bản thông báo dừng (Mẫu 05) đính kèm hồ sơ.',
    en: 'Stopping must carry its notice (form 05).',
  },
  withdraw: {
    code: 'DOCUMENT_MISSING',
    vi: 'Rút hồ sơ tại quầy phải đính kèm bản quét văn bản đề nghị rút hồ sơ của công dân (hồ sơ rút không kèm văn bản đề nghị bị trừ điểm số hóa theo Quyết định 766).',
    en: 'A withdrawal at the counter must attach the scan of the citizen’s written request (a withdrawal without it loses digitisation points under Decision 766).',
  },
};

/** What would be lost if this action were taken now; empty when the step may finish. */
export function digitisationProblems(action: GuardedAction, f: DigitisationFacts): DigitisationProblem[] {
  const out: DigitisationProblem[] = [];
  if (action === 'accept' && !f.identityChecked) out.push(IDENTITY);
  if ((action === 'accept' || action === 'forward' || action === 'issue_result' || action === 'return_result') && f.channel !== 2) {
    const missing = f.components.filter((c) => !c.hasFile).map((c) => c.name);
    if (missing.length > 0) out.push(componentProblem(missing));
  }
  if (action === 'return_result' && !f.resultFile) out.push(RESULT);
  if ((action === 'refuse' || action === 'stop' || action === 'withdraw') && f.actionDocument === false) out.push(DOCUMENT[action]);
  return out;
}

/** The whole message the official reads when a step is refused. */
export function guardMessage(problems: readonly DigitisationProblem[]): string {
  return `Chưa thể hoàn thành bước này vì hồ sơ sẽ bị trừ điểm số hóa: ${problems.map((p) => p.vi).join(' ')}`;
}

/**
 * The risks of a dossier as it stands (the daily report): missing component files (counter and post), identity not
 * checked, and — once a result is due (status 9 issued / 10 returned) — no result file; a finished refusal, stop or
 * withdrawal without its document.
 */
export function dossierRisks(status: number, f: DigitisationFacts & { endedWithoutDocument?: 'refuse' | 'stop' | 'withdraw' | null }): DigitisationProblem[] {
  const out: DigitisationProblem[] = [];
  if (!f.identityChecked) out.push(IDENTITY);
  if (f.channel !== 2) {
    const missing = f.components.filter((c) => !c.hasFile).map((c) => c.name);
    if (missing.length > 0) out.push(componentProblem(missing));
  }
  if ((status === 9 || status === 10) && !f.resultFile) out.push(RESULT);
  if (f.endedWithoutDocument) out.push(DOCUMENT[f.endedWithoutDocument]);
  return out;
}
