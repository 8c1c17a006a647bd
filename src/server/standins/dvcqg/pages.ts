/** The portal stand-in's page: what it holds, styled unlike MotCua ("Cổng DVCQG — môi trường thử nghiệm"). */
import type { HoSoDongBoDVC, QuaTrinhXuLyDongBoDVC } from '../../../core/national-sync/schema.ts';
import { escapeHtml as h } from '../eid/pages.ts';

const STYLE = `body{margin:0;font-family:"Segoe UI",Roboto,Arial,"Noto Sans",sans-serif;line-height:1.45;color:#1b1b1b;background:#eef3f8}
.banner{background:#ffd21f;text-align:center;font-weight:700;padding:.4rem}
header{background:#0b4a8b;color:#fff;padding:.8rem 1rem}header h1{margin:0;font-size:1.2rem}
main{max-width:70rem;margin:0 auto;padding:1rem}section{background:#fff;border-radius:.5rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.15)}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #d5dde6;padding:.35rem .4rem;text-align:left;vertical-align:top}
h2{font-size:1.05rem;margin:.2rem 0 .6rem}code{font-size:.85rem}`;

export function standinPage(
  dossiers: { ma_ho_so: string; madonvi: string; data: HoSoDongBoDVC; versions: number; updated_at: Date }[],
  steps: { ma_ho_so: string; data: QuaTrinhXuLyDongBoDVC }[],
  calls: { service: string; ma_ho_so: string | null; http_status: number; error_code: number | null; message: string | null; at: Date }[],
): string {
  const stepsOf = (code: string) =>
    steps
      .filter((s) => s.ma_ho_so === code)
      .map((s) => `${h(s.data.ThoiDiemXuLy)} · ${h(s.data.TrangThai)} · ${h(s.data.NguoiXuLy)} — ${h(s.data.NoiDungXuLy ?? '')}`)
      .join('<br>');
  const rows = dossiers
    .map(
      (d) =>
        `<tr><td><code>${h(d.ma_ho_so)}</code><br><small>${h(d.madonvi)}</small></td><td>${h(d.data.MaTTHC)} ${h(d.data.TenTTHC)}</td><td>${h(d.data.TrangThaiHoSo)}</td><td>${h(d.data.KenhThucHien)}</td><td>${h(d.versions)}</td><td>${stepsOf(d.ma_ho_so)}</td></tr>`,
    )
    .join('');
  const callRows = calls
    .map(
      (c) =>
        `<tr><td>${h(c.at.toISOString())}</td><td>${h(c.service)}</td><td><code>${h(c.ma_ho_so ?? '')}</code></td><td>${h(c.http_status)}</td><td>${h(c.error_code ?? '')}</td><td>${h(c.message ?? '')}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Cổng DVCQG (môi trường thử nghiệm)</title><style>${STYLE}</style></head>
<body><div class="banner">MÔI TRƯỜNG THỬ NGHIỆM — không phải Cổng Dịch vụ công quốc gia thật</div><header><h1>Cổng Dịch vụ công quốc gia — dữ liệu đồng bộ nhận được</h1></header><main>
<section><h2>Hồ sơ (${dossiers.length})</h2><table><thead><tr><th scope="col">Mã hồ sơ / đơn vị</th><th scope="col">Thủ tục</th><th scope="col">Trạng thái</th><th scope="col">Kênh</th><th scope="col">Số lần cập nhật</th><th scope="col">Tiến độ xử lý</th></tr></thead><tbody>${rows}</tbody></table></section>
<section><h2>Các lần gọi gần nhất</h2><table><thead><tr><th scope="col">Lúc</th><th scope="col">Dịch vụ</th><th scope="col">Mã hồ sơ</th><th scope="col">HTTP</th><th scope="col">error_code</th><th scope="col">Thông điệp</th></tr></thead><tbody>${callRows}</tbody></table></section>
</main></body></html>`;
}
