/**
 * Exports of a period's figures: an Excel workbook (sheet "Chỉ số 766" with one row per indicator, one sheet per
 * breakdown, sheet "Mục tiêu") and a printable PDF report (A4, Vietnamese font). Numbers are written as numbers so
 * a spreadsheet (or a test reading the file back) gets the same values as the dashboard.
 */
import ExcelJS from 'exceljs';
import type { Breakdown, IndexReport, TargetProgress } from '../../../contract/metrics.ts';
import { DocumentWriter, PAGE_A4 } from '../../pdf/document.ts';
import { targetMetricName } from './targets.ts';

const GROUP_NAMES: Record<string, string> = {
  transparency: 'Công khai, minh bạch',
  progress: 'Tiến độ giải quyết',
  online: 'Cung cấp DVCTT',
  payment: 'Thanh toán trực tuyến',
  digitisation: 'Số hóa hồ sơ',
  satisfaction: 'Mức độ hài lòng',
};
const BREAKDOWN_SHEETS: Record<Breakdown['by'], string> = {
  unit: 'Theo đơn vị',
  procedure: 'Theo thủ tục',
  official: 'Theo cán bộ',
  week: 'Theo tuần',
  month: 'Theo tháng',
};
const BREAKDOWN_HEADERS = [
  'Mã',
  'Tên',
  'Tiếp nhận',
  'Trực tuyến',
  'Đúng hạn',
  'Quá hạn',
  'Thanh toán trực tuyến',
  'Có phí',
  'Số hóa',
  'Kết quả điện tử',
  'Hài lòng',
  'Lượt đánh giá',
  'Điểm',
];

export async function exportWorkbook(report: IndexReport, breakdowns: Breakdown[], targets: TargetProgress[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'MotCua';
  const header = (ws: ExcelJS.Worksheet, cols: string[]) => {
    ws.addRow(cols).font = { bold: true };
    ws.columns.forEach((c, i) => (c.width = i === 1 ? 48 : 14));
  };
  const idx = wb.addWorksheet('Chỉ số 766');
  header(idx, ['Mã', 'Chỉ tiêu', 'Nhóm', 'Tử số', 'Mẫu số', 'Tỷ lệ (%)', 'Điểm', 'Điểm tối đa', 'Ngưỡng (%)', 'Ghi chú']);
  for (const i of report.indicators) {
    idx.addRow([
      i.code,
      i.name,
      GROUP_NAMES[i.group] ?? i.group,
      i.numerator,
      i.denominator,
      i.ratio,
      i.points,
      i.maxPoints,
      i.threshold,
      i.noData ? 'Không có dữ liệu' : i.average ? `Trung bình ${i.average.value} ngày` : '',
    ]);
  }
  idx.addRow([]);
  for (const g of report.groups) idx.addRow([`Nhóm`, g.name, '', null, null, null, g.points, g.maxPoints]);
  idx.addRow(['Tổng', 'Tổng điểm', '', null, null, null, report.total.points, report.total.maxPoints]).font = { bold: true };
  idx.addRow([]);
  idx.addRow(['Đơn vị', report.unit.name]);
  idx.addRow(['Kỳ', `${report.from} – ${report.to}`]);
  idx.addRow(['Số liệu đến', report.asOf]);
  for (const b of breakdowns) {
    const ws = wb.addWorksheet(BREAKDOWN_SHEETS[b.by]);
    header(ws, BREAKDOWN_HEADERS);
    for (const r of b.rows)
      ws.addRow([
        r.key,
        r.label,
        r.received,
        r.online,
        r.onTime,
        r.overdue,
        r.paidOnline,
        r.feeBearing,
        r.digitised,
        r.electronicResult,
        r.satisfied,
        r.rated,
        r.score,
      ]);
  }
  const tg = wb.addWorksheet('Mục tiêu');
  header(tg, ['Chỉ tiêu', 'Đơn vị', 'Cán bộ', 'Mục tiêu', 'So sánh', 'Thực hiện', 'Tử số', 'Mẫu số', 'Đạt', 'Hiệu lực từ', 'Hiệu lực đến', 'Căn cứ']);
  for (const t of targets) {
    tg.addRow([
      targetMetricName[t.metric],
      t.unitId,
      (t as TargetProgress & { officialName?: string }).officialName ?? t.officialId ?? '',
      t.value,
      t.comparison === 'at_least' ? 'Tối thiểu' : 'Tối đa',
      t.actual,
      t.numerator,
      t.denominator,
      t.met === null ? 'Chưa có dữ liệu' : t.met ? 'Đạt' : 'Chưa đạt',
      t.effectiveFrom,
      t.effectiveTo ?? '',
      t.basis,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const fmt = (x: number | null | undefined, suffix = '') =>
  x === null || x === undefined ? '—' : `${x.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}${suffix}`;

export async function exportPdf(report: IndexReport, breakdowns: Breakdown[], targets: TargetProgress[]): Promise<Buffer> {
  const w = await DocumentWriter.create(PAGE_A4, {
    title: `Báo cáo chỉ số phục vụ ${report.unit.name} ${report.from} – ${report.to}`,
    subject: 'Bộ chỉ số QĐ 766/QĐ-TTg',
  });
  w.text('BÁO CÁO CHỈ SỐ CHỈ ĐẠO, ĐIỀU HÀNH VÀ ĐÁNH GIÁ CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP', { bold: true, align: 'center', size: 12, gap: 4 });
  w.text('(Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ)', { italic: true, align: 'center', size: 9, gap: 8 });
  w.text(`Đơn vị: ${report.unit.name}`, { size: 10 });
  w.text(`Kỳ báo cáo: ${report.from} đến ${report.to}`, { size: 10 });
  w.text(`Tổng điểm: ${fmt(report.total.points)}/${report.total.maxPoints}`, { bold: true, size: 11, gap: 8 });
  w.table(
    [
      { title: 'Nhóm chỉ tiêu', width: 5 },
      { title: 'Điểm', width: 1, align: 'right' },
      { title: 'Tối đa', width: 1, align: 'right' },
    ],
    report.groups.map((g) => [g.name, fmt(g.points), String(g.maxPoints)]),
  );
  w.space(8);
  w.table(
    [
      { title: 'Mã', width: 0.8 },
      { title: 'Chỉ tiêu', width: 5 },
      { title: 'Tử số', width: 1, align: 'right' },
      { title: 'Mẫu số', width: 1, align: 'right' },
      { title: 'Tỷ lệ', width: 1, align: 'right' },
      { title: 'Điểm', width: 1.2, align: 'right' },
    ],
    report.indicators.map((i) => [
      i.code,
      i.name,
      fmt(i.numerator),
      fmt(i.denominator),
      i.noData ? 'Không có dữ liệu' : i.average ? `${fmt(i.average.value)} ngày` : fmt(i.ratio, '%'),
      `${fmt(i.points)}/${i.maxPoints}`,
    ]),
    8,
  );
  for (const b of breakdowns) {
    if (b.rows.length === 0) continue;
    w.space(8);
    w.text(BREAKDOWN_SHEETS[b.by], { bold: true, size: 10 });
    w.table(
      [
        { title: 'Tên', width: 4 },
        { title: 'Tiếp nhận', width: 1, align: 'right' },
        { title: 'Trực tuyến', width: 1, align: 'right' },
        { title: 'Đúng hạn', width: 1, align: 'right' },
        { title: 'Quá hạn', width: 1, align: 'right' },
        { title: 'Điểm', width: 1, align: 'right' },
      ],
      b.rows.map((r) => [r.label, fmt(r.received), fmt(r.online), fmt(r.onTime), fmt(r.overdue), fmt(r.score)]),
      8,
    );
  }
  if (targets.length) {
    w.space(8);
    w.text('Mục tiêu kế hoạch', { bold: true, size: 10 });
    w.table(
      [
        { title: 'Chỉ tiêu', width: 5 },
        { title: 'Mục tiêu', width: 1, align: 'right' },
        { title: 'Thực hiện', width: 1, align: 'right' },
        { title: 'Kết quả', width: 1 },
      ],
      targets.map((t) => [
        targetMetricName[t.metric] + (t.officialId ? ` (${(t as TargetProgress & { officialName?: string }).officialName ?? 'cán bộ'})` : ''),
        fmt(t.value),
        fmt(t.actual),
        t.met === null ? 'Chưa có dữ liệu' : t.met ? 'Đạt' : 'Chưa đạt',
      ]),
      8,
    );
  }
  w.space(8);
  w.text(`Số liệu tính trực tiếp từ hệ thống đến ${report.asOf}. Chỉ tiêu "Không có dữ liệu": hệ thống chưa có dữ liệu đầu vào, không phải 0%.`, {
    italic: true,
    size: 8,
  });
  w.numberPages();
  return Buffer.from(await w.save());
}
