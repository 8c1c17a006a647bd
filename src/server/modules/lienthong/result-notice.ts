/**
 * The notice of another agency's result (thông báo kết quả liên thông): a PDF that records what the agency returned
 * (its document's title and number, its reference, the dossier and bundle codes), put into the citizen's document
 * store beside the results MotCua issues itself. It is a record of the answer, not the agency's signed document.
 */
import { DocumentWriter, PAGE_A5 } from '../../pdf/document.ts';
import { formatVnDateTime } from './format.ts';

export interface ResultNotice {
  agencyName: string;
  title: string;
  number: string;
  reference: string;
  memberName: string;
  dossierCode: string;
  bundleCode: string;
  answeredAt: Date;
}

export async function renderResultNotice(n: ResultNotice): Promise<Uint8Array> {
  const w = await DocumentWriter.create(PAGE_A5, { title: `${n.title} số ${n.number}`, subject: 'Thông báo kết quả liên thông' });
  w.text(n.agencyName.toUpperCase(), { bold: true, align: 'center', size: 10 });
  w.space(10);
  w.text('THÔNG BÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC LIÊN THÔNG', { bold: true, align: 'center', size: 12 });
  w.space(10);
  w.text(`Thủ tục: ${n.memberName}`);
  w.text(`Kết quả: ${n.title}`);
  w.text(`Số: ${n.number}`, { bold: true });
  w.text(`Mã tiếp nhận của cơ quan: ${n.reference}`);
  w.text(`Mã hồ sơ: ${n.dossierCode}`);
  w.text(`Mã hồ sơ liên thông: ${n.bundleCode}`);
  w.text(`Thời điểm nhận kết quả: ${formatVnDateTime(n.answeredAt)}`);
  w.space(10);
  w.text('Bản ghi nhận trả lời của cơ quan tiếp nhận qua phần mềm liên thông MotCua.', { italic: true, size: 8 });
  return w.save();
}
