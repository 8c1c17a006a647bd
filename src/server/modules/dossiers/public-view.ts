/**
 * What of a dossier may be shown to whom. The public lookup shows status, timeline and appointment date but no
 * personal data; the owner sees their whole dossier.
 */
import { nationalStatusName, type NationalStatus } from '../../../core/dossiers/status.ts';

/** Action names citizens and the public see on a timeline. */
export const actionLabel: Record<string, { vi: string; en: string }> = {
  submitted: { vi: 'Nộp hồ sơ trực tuyến', en: 'Submitted online' },
  received: { vi: 'Bộ phận một cửa tiếp nhận hồ sơ', en: 'Received at the one-stop counter' },
  completion_requested: { vi: 'Yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Completion requested' },
  refused: { vi: 'Từ chối tiếp nhận hồ sơ', en: 'Refused' },
  forwarded: { vi: 'Chuyển bước xử lý', en: 'Forwarded' },
  sent_back: { vi: 'Trả lại bước trước để xử lý lại', en: 'Sent back for rework' },
  reassigned: { vi: 'Phân công lại cán bộ xử lý', en: 'Reassigned' },
  supplement_requested: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  supplement_provided: { vi: 'Công dân đã bổ sung hồ sơ', en: 'Supplement provided' },
  withdrawal_requested: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawal requested' },
  stopped: { vi: 'Dừng xử lý hồ sơ', en: 'Processing stopped' },
  rescheduled: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology and new appointment' },
  payment_requested: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  paid: { vi: 'Đã thanh toán phí, lệ phí', en: 'Fee paid' },
  result_issued: { vi: 'Đã có kết quả giải quyết', en: 'Result issued' },
  result_returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  rated: { vi: 'Đánh giá mức độ hài lòng', en: 'Satisfaction rated' },
  linked_received: { vi: 'Cơ quan liên thông đã tiếp nhận', en: 'Received by the linked agency' },
  linked_result_recorded: { vi: 'Đã có kết quả liên thông', en: 'Linked agency result recorded' },
  original_confirmed: { vi: 'Cán bộ đã đối chiếu bản gốc giấy tờ', en: 'Official checked the paper original' },
};

export interface TimelineEntry {
  at: string;
  action: string;
  label: string;
  status: number | null;
  statusName: string | null;
  /** Shown to the owner only (e.g. the reason of a supplement request). */
  note?: string;
}

export function timelineEntry(
  row: { at: Date | string; action: string; to_status: number | null; data: Record<string, unknown> },
  audience: 'owner' | 'public',
): TimelineEntry {
  const status = row.to_status;
  const note = typeof row.data?.reason === 'string' ? row.data.reason : typeof row.data?.note === 'string' ? row.data.note : undefined;
  return {
    at: new Date(row.at).toISOString(),
    action: row.action,
    label: actionLabel[row.action]?.vi ?? row.action,
    status,
    statusName: status ? (nationalStatusName[status as NationalStatus]?.vi ?? null) : null,
    ...(audience === 'owner' && note ? { note } : {}),
  };
}

/** The 4 digits a person must know to look a dossier up: last 4 of the phone number or of the id number. */
export function lookupSecretMatches(last4: string, applicant: { phone?: string | null; idNumber?: string | null }): boolean {
  if (!/^\d{4}$/.test(last4)) return false;
  const candidates = [applicant.phone, applicant.idNumber].filter((x): x is string => !!x).map((x) => x.replace(/\D/g, '').slice(-4));
  return candidates.includes(last4);
}
