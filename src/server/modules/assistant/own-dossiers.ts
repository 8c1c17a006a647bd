/**
 * The assistant's answer about "my dossier": only the asker's own dossiers (owner of the account, or applicant by
 * identity number — the same rule as "Hồ sơ của tôi"). A code that is not the asker's gets the same refusal
 * whether it exists or not, so the assistant cannot be used to learn about anyone else's dossier.
 */
import type { ComposedAnswer } from '../../../core/assistant/compose.ts';
import { dossierCodesIn } from '../../../core/assistant/intent.ts';
import { nationalStatusName, type NationalStatus } from '../../../core/dossiers/status.ts';
import { localDay } from '../../../core/time/local.ts';
import type { Queryable } from '../../db/database.ts';
import { kysely } from '../../db/kysely.ts';
import type { Actor } from '../../http/actor.ts';

const vnDate = (d: Date | string | null) => (d ? localDay(new Date(d)).split('-').reverse().join('/') : null);

export async function ownDossiersAnswer(db: Queryable, actor: Actor | null, question: string): Promise<ComposedAnswer> {
  const codes = dossierCodesIn(question);
  if (actor?.kind !== 'citizen') {
    return {
      answer:
        'Để xem tình trạng hồ sơ của bạn, hãy đăng nhập bằng tài khoản định danh điện tử (VNeID). ' +
        'Bạn cũng có thể tra cứu bằng mã hồ sơ và 4 số cuối số điện thoại hoặc số định danh tại trang Tra cứu hồ sơ.',
      sources: [],
      procedures: [],
      links: [
        { label: 'Đăng nhập', href: '/auth/login?returnTo=%2Ftro-ly' },
        { label: 'Tra cứu hồ sơ', href: '/tra-cuu' },
      ],
    };
  }
  let query = kysely(db)
    .selectFrom('dossiers')
    .select(['id', 'code', 'procedure_code', 'procedure_name', 'status', 'due_at', 'submitted_at'])
    .where((eb) => eb.or([eb('owner_citizen_id', '=', actor.id), eb('applicant_id_number', '=', actor.idNumber)]))
    .orderBy('submitted_at', 'desc');
  if (codes.length) query = query.where('code', 'in', codes);
  const rows = await query.limit(5).execute();
  const mine = new Set(rows.map((r) => r.code));
  const others = codes.filter((c) => !mine.has(c));
  const parts: string[] = [];
  if (others.length) {
    parts.push(
      `Tôi chỉ có thể cho biết tình trạng hồ sơ của chính bạn. Mã ${others.join(', ')} không thuộc tài khoản của bạn. ` +
        'Nếu bạn nộp thay người khác, người đó có thể tra cứu bằng mã hồ sơ tại trang Tra cứu hồ sơ.',
    );
  }
  if (rows.length === 0 && codes.length === 0) parts.push('Tài khoản của bạn chưa có hồ sơ nào đã nộp.');
  for (const r of rows) {
    const status = nationalStatusName[r.status as NationalStatus]?.vi ?? String(r.status);
    const due = vnDate(r.due_at);
    parts.push(`Hồ sơ ${r.code} — ${r.procedure_name}: ${status}${due && r.status < 9 ? `; hẹn trả kết quả ngày ${due}` : ''}.`);
  }
  return {
    answer: parts.join('\n'),
    sources: rows.map((r) => ({ kind: 'dossier' as const, code: r.code, title: r.procedure_name })),
    procedures: [...new Map(rows.map((r) => [r.procedure_code, { code: r.procedure_code, name: r.procedure_name }])).values()],
    links: [
      ...rows.map((r) => ({ label: `Xem hồ sơ ${r.code}`, href: `/ho-so-cua-toi/${r.id}` })),
      ...(others.length ? [{ label: 'Tra cứu hồ sơ', href: '/tra-cuu' }] : []),
    ],
  };
}
