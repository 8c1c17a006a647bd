/** Vietnamese e-mail texts for citizen notifications (plain text, readable on any phone). */
import { nationalStatusName, type NationalStatus } from '../../../core/dossiers/status.ts';

export interface DossierMailData {
  code: string;
  procedureName: string;
  applicantName: string;
  status: number;
  submittedAt: Date;
  dueAt?: Date | null;
  lookupUrl: string;
}

const vnDateTime = (d: Date) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(d);

export function dossierSubmittedMail(d: DossierMailData): { subject: string; text: string } {
  return {
    subject: `Xác nhận nộp hồ sơ ${d.code}`,
    text: [
      `Kính gửi ông/bà ${d.applicantName},`,
      '',
      `Hệ thống đã nhận hồ sơ "${d.procedureName}" của ông/bà lúc ${vnDateTime(d.submittedAt)}.`,
      `Mã hồ sơ: ${d.code}`,
      `Trạng thái: ${nationalStatusName[d.status as NationalStatus]?.vi ?? d.status}`,
      '',
      'Bước tiếp theo: Bộ phận một cửa sẽ kiểm tra hồ sơ và thông báo tiếp nhận hoặc yêu cầu bổ sung.',
      'Ông/bà có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ và 4 số cuối số điện thoại hoặc số định danh tại:',
      d.lookupUrl,
      '',
      'Đây là thư tự động, vui lòng không trả lời thư này.',
    ].join('\n'),
  };
}

export function dossierStatusMail(d: DossierMailData & { note?: string }): { subject: string; text: string } {
  const statusName = nationalStatusName[d.status as NationalStatus]?.vi ?? String(d.status);
  return {
    subject: `Hồ sơ ${d.code}: ${statusName}`,
    text: [
      `Kính gửi ông/bà ${d.applicantName},`,
      '',
      `Hồ sơ "${d.procedureName}" (mã ${d.code}) đã chuyển sang trạng thái: ${statusName}.`,
      ...(d.note ? ['', d.note] : []),
      ...(d.dueAt ? ['', `Ngày hẹn trả kết quả: ${vnDateTime(d.dueAt)}`] : []),
      '',
      `Tra cứu: ${d.lookupUrl}`,
    ].join('\n'),
  };
}
