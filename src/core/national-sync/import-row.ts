/**
 * One dossier of a history file in the national shape (the sync message HoSoDongBoDVC, domain-and-law.md §5.1), as
 * the import command reads it: the fields that carry history, dates `yyyyMMddHHmmss` in Vietnam time. Pure: the
 * command (src/server/modules/national-sync/import.ts) finds the procedure and the unit and writes the rows.
 */
import { z } from 'zod';
import { parseLocalCompact } from '../time/local.ts';
import { PortalDate, PortalStatus } from './schema.ts';

export const ImportRow = z.object({
  MaHoSo: z.string().trim().min(1).max(100),
  MaTTHC: z.string().trim().min(1).max(50),
  KenhThucHien: z.enum(['1', '2', '3']),
  ChuHoSo: z.string().trim().min(1).max(200),
  SoGiayToChuHoSo: z.string().max(50).optional(),
  TrichYeuHoSo: z.string().max(1000).optional(),
  NgayNopHoSo: PortalDate.optional(),
  NgayTiepNhan: PortalDate,
  NgayHenTra: PortalDate,
  NgayKetThucXuLy: PortalDate.optional(),
  NgayTra: PortalDate.optional(),
  TrangThaiHoSo: PortalStatus,
  DuocThanhToanTrucTuyen: z.enum(['0', '1', '2']).optional(),
  DanhSachLePhi: z
    .array(z.object({ Gia: z.string().regex(/^\d+$/) }).loose())
    .max(50)
    .optional(),
  DanhSachGiayToKetQua: z.array(z.object({}).loose()).max(50).optional(),
  DanhSachHoSoBoSung: z
    .array(z.object({ NgayBoSung: PortalDate, NgayTiepNhanBoSung: PortalDate.optional() }).loose())
    .max(50)
    .optional(),
});
export type ImportRow = z.infer<typeof ImportRow>;

export interface ImportedDossier {
  code: string;
  procedureCode: string;
  channel: 1 | 2 | 3;
  applicantName: string;
  applicantIdNumber: string | null;
  summary: string | null;
  submittedAt: Date;
  receivedAt: Date;
  dueAt: Date;
  finishedAt: Date | null;
  returnedAt: Date | null;
  status: number;
  paidOnlineVia: 0 | 1 | 2;
  feeTotal: number;
  electronicResult: boolean;
  supplements: { requestedAt: Date; suppliedAt: Date | null }[];
}

const at = (s: string) => parseLocalCompact(s) as Date;

/** The row as a dossier's history, or the reasons it cannot be one. */
export function readImportRow(raw: unknown): { ok: true; value: ImportedDossier } | { ok: false; problems: string[] } {
  const r = ImportRow.safeParse(raw);
  if (!r.success) return { ok: false, problems: r.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(dòng)'}: ${i.message}`) };
  const x = r.data;
  const status = Number(x.TrangThaiHoSo);
  const problems: string[] = [];
  if (status === 1 || status === 3) problems.push('TrangThaiHoSo: hồ sơ chưa được tiếp nhận không nhập được vào lịch sử');
  const finished = x.NgayKetThucXuLy ? at(x.NgayKetThucXuLy) : null;
  if ([7, 8, 9, 10].includes(status) && !finished) problems.push('NgayKetThucXuLy: bắt buộc với hồ sơ đã kết thúc xử lý (trạng thái 7–10)');
  if (status === 10 && !x.NgayTra) problems.push('NgayTra: bắt buộc với hồ sơ đã trả kết quả (trạng thái 10)');
  const received = at(x.NgayTiepNhan);
  if (finished && finished < received) problems.push('NgayKetThucXuLy: trước NgayTiepNhan');
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      code: x.MaHoSo,
      procedureCode: x.MaTTHC,
      channel: Number(x.KenhThucHien) as 1 | 2 | 3,
      applicantName: x.ChuHoSo,
      applicantIdNumber: x.SoGiayToChuHoSo || null,
      summary: x.TrichYeuHoSo?.trim() || null,
      submittedAt: x.NgayNopHoSo ? at(x.NgayNopHoSo) : received,
      receivedAt: received,
      dueAt: at(x.NgayHenTra),
      finishedAt: finished,
      returnedAt: x.NgayTra ? at(x.NgayTra) : null,
      status,
      paidOnlineVia: Number(x.DuocThanhToanTrucTuyen ?? 0) as 0 | 1 | 2,
      feeTotal: (x.DanhSachLePhi ?? []).reduce((n, f) => n + Number(f.Gia), 0),
      electronicResult: (x.DanhSachGiayToKetQua ?? []).length > 0,
      supplements: (x.DanhSachHoSoBoSung ?? []).map((s) => ({
        requestedAt: at(s.NgayBoSung),
        suppliedAt: s.NgayTiepNhanBoSung ? at(s.NgayTiepNhanBoSung) : null,
      })),
    },
  };
}
