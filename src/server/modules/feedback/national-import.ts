/**
 * Import of the national portal's Q&A (Cổng DVCQG; docs/feedback.md): the questions citizens sent to the unit
 * through the portal (`LayDanhSachHoiDapGuiTuDVCQG`) and the agencies' Q&A (`LayDanhSachHoiDapBoCoQuan`), each
 * with its answer when it has one (`LayNoiDungTraLoiTheoCauHoi`). Items marked `TRANGTHAI` 0 are skipped.
 *
 * Idempotent: an item is stored once under its portal identifier (`dvcqg:<HOIDAPID>`, a unique index of migration
 * 092), so importing the same page twice creates nothing new. An imported item enters the ordinary PAKN workflow
 * (channel `national`): without an answer it waits to be answered; with one it is `answered` and waits for a
 * moderator, who removes the sender's personal data before publishing — never published straight from the portal.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { NationalPortalAdapter } from '../../adapters/dvcqg.ts';
import type { Queryable } from '../../db/database.ts';
import { now } from '../../clock.ts';

const PortalQaItem = z.looseObject({
  HOIDAPID: z.union([z.string(), z.number()]).transform(String),
  NOIDUNG: z.string().min(1),
  MALINHVUC: z.string().optional(),
  TENLINHVUC: z.string().optional(),
  MATTHCDP: z.string().optional(),
  HOVATEN: z.string().optional(),
  THUDIENTU: z.string().optional(),
  SODIENTHOAI: z.string().optional(),
  TRANGTHAI: z.union([z.string(), z.number()]).optional(),
  TRALOIID: z.union([z.string(), z.number()]).optional(),
});
const PortalAnswerItem = z.looseObject({ NOIDUNGTRALOI: z.string().min(1), TRALOIID: z.union([z.string(), z.number()]).optional() });

export const NATIONAL_QA_LISTS = ['LayDanhSachHoiDapGuiTuDVCQG', 'LayDanhSachHoiDapBoCoQuan'] as const;

export interface QaImportReport {
  /** Items the portal listed. */
  listed: number;
  created: number;
  /** Already imported earlier (same HOIDAPID). */
  unchanged: number;
  /** Marked not for publication (TRANGTHAI 0) or malformed. */
  skipped: number;
  problems: string[];
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export async function importNationalQa(
  db: Queryable,
  portal: NationalPortalAdapter,
  madonvi: string,
  opts: { pageSize?: number } = {},
): Promise<QaImportReport> {
  const report: QaImportReport = { listed: 0, created: 0, unchanged: 0, skipped: 0, problems: [] };
  const sodong = opts.pageSize ?? 50;
  for (const service of NATIONAL_QA_LISTS) {
    for (let trang = 1; trang <= 100; trang++) {
      const answer = await portal.call(service, madonvi, { trang, sodong });
      const rows = Array.isArray(answer.result) ? answer.result : [];
      report.listed += rows.length;
      for (const raw of rows) {
        const parsed = PortalQaItem.safeParse(raw);
        if (!parsed.success) {
          report.skipped++;
          report.problems.push(`${service}: một câu hỏi không đúng khuôn dạng`);
          continue;
        }
        const q = parsed.data;
        if (String(q.TRANGTHAI ?? '1') === '0') {
          report.skipped++;
          continue;
        }
        const externalId = `dvcqg:${q.HOIDAPID}`;
        const held = await db.query('SELECT 1 FROM feedback WHERE external_id = $1', [externalId]);
        if (held.rows.length > 0) {
          report.unchanged++;
          continue;
        }
        let reply: string | null = null;
        if (q.TRALOIID !== undefined && String(q.TRALOIID) !== '') {
          const a = await portal.call('LayNoiDungTraLoiTheoCauHoi', madonvi, { cauhoiid: q.HOIDAPID });
          const first = PortalAnswerItem.safeParse(Array.isArray(a.result) ? a.result[0] : undefined);
          if (first.success) reply = first.data.NOIDUNGTRALOI;
        }
        const at = now();
        const inserted = await db.query(
          `INSERT INTO feedback (id, kind, channel, sender_name, contact, title, content, category, procedure_code, status, received_at, answered_at, answer, external_id)
           VALUES ($1, 'question', 'national', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (external_id) WHERE external_id IS NOT NULL DO NOTHING RETURNING id`,
          [
            crypto.randomUUID(),
            cut(q.HOVATEN?.trim() || 'Người hỏi trên Cổng DVCQG', 100),
            cut(q.THUDIENTU?.trim() || q.SODIENTHOAI?.trim() || 'Cổng DVCQG', 120),
            cut(q.NOIDUNG.trim().replace(/\s+/g, ' '), 120),
            cut(q.NOIDUNG, 5000),
            q.TENLINHVUC?.trim() || q.MALINHVUC?.trim() || null,
            q.MATTHCDP?.trim() || null,
            reply ? 'answered' : 'received',
            at,
            reply ? at : null,
            reply,
            externalId,
          ],
        );
        if (inserted.rows.length > 0) report.created++;
        else report.unchanged++; // imported meanwhile by another process
      }
      if (rows.length < sodong) break;
    }
  }
  return report;
}
