/**
 * Generated Vietnamese documents for tests and the benchmark: the four templated document types rendered with the
 * project's own font (Be Vietnam Pro, glyph outlines drawn as SVG paths and rasterised by sharp), with their true field
 * values, then optionally degraded (rotation, noise, blur, JPEG); and the back of a chip identity card with its QR,
 * photographed at an angle. A seeded random generator makes every set reproducible.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import sharp from 'sharp';
import { writeBarcode } from 'zxing-wasm/full';
import { formatCccdQr } from '../../../core/recognition/cccd-qr.ts';
import { composeIdNumber } from '../../../core/identity/id-number.ts';
import { prepareZxing } from './qr-reader.ts';

const require = createRequire(import.meta.url);
type Font = ReturnType<typeof fontkit.create>;
let fonts: { regular: Font; bold: Font } | null = null;
const loadFonts = () =>
  (fonts ??= {
    regular: fontkit.create(fs.readFileSync(require.resolve('@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf'))),
    bold: fontkit.create(fs.readFileSync(require.resolve('@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf'))),
  });

/** mulberry32: a small seeded generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TextLine {
  text: string;
  size: number;
  bold?: boolean;
  center?: boolean;
}

/** fontkit's Path has these at run time; its type declarations leave them out. */
interface TransformablePath {
  scale(x: number, y: number): TransformablePath;
  translate(x: number, y: number): TransformablePath;
  toSVG(): string;
}

/** SVG path data of a line of text; returns the path and its advance width. */
function textPath(font: Font, text: string, x: number, y: number, size: number): { d: string; width: number } {
  const run = font.layout(text.normalize('NFC'));
  const scale = size / font.unitsPerEm;
  let cx = 0;
  let d = '';
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]!;
    d += (g.path as unknown as TransformablePath)
      .scale(scale, -scale)
      .translate(x + (cx + p.xOffset) * scale, y - p.yOffset * scale)
      .toSVG();
    cx += p.xAdvance;
  });
  return { d, width: cx * scale };
}

const PAGE = { width: 1654, height: 2339, margin: 150 }; // A4 at 200 dpi

function renderLines(lines: TextLine[]): string {
  const f = loadFonts();
  let y = PAGE.margin + 40;
  const paths: string[] = [];
  for (const line of lines) {
    const font = line.bold ? f.bold : f.regular;
    const probe = textPath(font, line.text, 0, 0, line.size);
    const x = line.center ? (PAGE.width - probe.width) / 2 : PAGE.margin;
    paths.push(`<path d="${textPath(font, line.text, x, y, line.size).d}"/>`);
    y += line.size * 1.9;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE.height}"><rect width="100%" height="100%" fill="#fff"/><g fill="#111">${paths.join('')}</g></svg>`;
}

export interface Degradation {
  /** Degrees, clockwise. */
  rotate?: number;
  /** Share of pixels turned to random grey speckle, 0..1. */
  noise?: number;
  /** Gaussian blur sigma in pixels. */
  blur?: number;
  /** JPEG quality (PNG when absent). */
  jpegQuality?: number;
}

export async function degrade(png: Buffer, d: Degradation, random: () => number): Promise<Buffer> {
  let img = sharp(png);
  if (d.rotate) img = img.rotate(d.rotate, { background: '#ffffff' });
  if (d.blur) img = img.blur(d.blur);
  let out = await img.png().toBuffer();
  if (d.noise) {
    const { data, info } = await sharp(out).grayscale().raw().toBuffer({ resolveWithObject: true });
    for (let i = 0; i < data.length; i++) if (random() < d.noise) data[i] = Math.floor(random() * 256);
    out = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .png()
      .toBuffer();
  }
  return d.jpegQuality ? sharp(out).jpeg({ quality: d.jpegQuality }).toBuffer() : out;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE_F = ['Thị', 'Thị Thu', 'Ngọc', 'Thị Mỹ', 'Hồng'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu'];
const GIVEN_F = ['Hương', 'Lan', 'Trang', 'Mai', 'Hạnh', 'Thảo', 'Yến', 'Ngân', 'Phượng', 'Huyền'];
const GIVEN_M = ['Hùng', 'Dũng', 'Tuấn', 'Khoa', 'Quân', 'Thắng', 'Phúc', 'Cường', 'Đạt', 'Sơn'];
const PLACES = [
  'Trạm Y tế xã Phú Riềng, tỉnh Đồng Nai',
  'Bệnh viện đa khoa tỉnh Bà Rịa - Vũng Tàu',
  'Thôn Tân Hưng, xã Xuân Thành, tỉnh Hà Tĩnh',
  'Tổ dân phố 5, phường Hưng Đạo, thành phố Hải Phòng',
  'Khu phố Kim Long, thị trấn Kim Long, huyện Châu Đức',
  'Thôn Đông, xã Chí Minh, thành phố Hải Phòng',
];
const PROVINCES = ['075', '077', '042', '031', '001', '079'];

export interface Specimen {
  type: string;
  /** True field values, in the form recognition returns them (names upper case, dates YYYY-MM-DD). */
  truth: Record<string, string>;
  /** The printed text, line by line (the character-accuracy reference). */
  text: string;
  /** Clean PNG render. */
  png: Buffer;
}

function person(random: () => number, sex?: 'Nam' | 'Nữ') {
  const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)] as T;
  const s = sex ?? (random() < 0.5 ? 'Nam' : 'Nữ');
  const name = `${pick(FAMILY)} ${s === 'Nam' ? pick(MIDDLE_M) : pick(MIDDLE_F)} ${s === 'Nam' ? pick(GIVEN_M) : pick(GIVEN_F)}`.toLocaleUpperCase('vi');
  const year = 1950 + Math.floor(random() * 74);
  const date = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const id = composeIdNumber(pick(PROVINCES), year, s, Math.floor(random() * 999_999));
  return { name, sex: s, date, id, place: pick(PLACES) };
}

const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const HEADER: TextLine[] = [
  { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 40, bold: true, center: true },
  { text: 'Độc lập - Tự do - Hạnh phúc', size: 40, bold: true, center: true },
];

export const SPECIMEN_TYPES = ['birth-certificate', 'marriage-certificate', 'residence-confirmation', 'land-certificate'] as const;

/** One generated document of the type, from the seed. */
export async function renderSpecimen(type: (typeof SPECIMEN_TYPES)[number], seed: number): Promise<Specimen> {
  const random = seededRandom(seed);
  const body: [string, string][] = [];
  const truth: Record<string, string> = {};
  const line = (label: string, printed: string, name?: string, value?: string) => {
    body.push([label, printed]);
    if (name) truth[name] = value ?? printed;
  };
  let title = '';
  if (type === 'birth-certificate') {
    title = 'GIẤY KHAI SINH';
    const child = person(random);
    const mother = person(random, 'Nữ');
    const father = person(random, 'Nam');
    const birth = `${2000 + Math.floor(random() * 25)}${child.date.slice(4)}`;
    const id = `${child.id.slice(0, 3)}${child.sex === 'Nam' ? 2 : 3}${birth.slice(2, 4)}${child.id.slice(6)}`;
    line('Họ, chữ đệm, tên', child.name, 'fullName');
    line('Ngày, tháng, năm sinh', vnDate(birth), 'dateOfBirth', birth);
    body.push(['', `Giới tính: ${child.sex}    Dân tộc: Kinh    Quốc tịch: Việt Nam`]);
    Object.assign(truth, { sex: child.sex, ethnicity: 'Kinh', nationality: 'Việt Nam' });
    line('Nơi sinh', child.place, 'placeOfBirth');
    line('Số định danh cá nhân', id, 'personalId');
    line('Họ, chữ đệm, tên người mẹ', mother.name, 'motherName');
    line('Họ, chữ đệm, tên người cha', father.name, 'fatherName');
  } else if (type === 'marriage-certificate') {
    title = 'GIẤY CHỨNG NHẬN KẾT HÔN';
    const h = person(random, 'Nam');
    const w = person(random, 'Nữ');
    const reg = `20${String(10 + Math.floor(random() * 15))}${h.date.slice(4)}`;
    line('Họ, chữ đệm, tên chồng', h.name, 'husbandName');
    line('Ngày sinh của chồng', vnDate(h.date), 'husbandDateOfBirth', h.date);
    line('Số định danh của chồng', h.id, 'husbandPersonalId');
    line('Họ, chữ đệm, tên vợ', w.name, 'wifeName');
    line('Ngày sinh của vợ', vnDate(w.date), 'wifeDateOfBirth', w.date);
    line('Số định danh của vợ', w.id, 'wifePersonalId');
    line('Nơi đăng ký kết hôn', `Ủy ban nhân dân ${h.place.split(', ').slice(1).join(', ')}`, 'registrationPlace');
    line('Ngày đăng ký', vnDate(reg), 'registrationDate', reg);
  } else if (type === 'residence-confirmation') {
    title = 'GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ';
    const p = person(random);
    const head = person(random);
    line('Họ, chữ đệm và tên', p.name, 'fullName');
    line('Ngày, tháng, năm sinh', vnDate(p.date), 'dateOfBirth', p.date);
    line('Giới tính', p.sex, 'sex');
    line('Số định danh cá nhân', p.id, 'personalId');
    line('Nơi thường trú', p.place, 'permanentResidence');
    line('Nơi ở hiện tại', p.place, 'currentResidence');
    line('Họ, chữ đệm và tên chủ hộ', head.name, 'householdHead');
    line('Quan hệ với chủ hộ', random() < 0.5 ? 'Con' : 'Vợ', 'relationToHead');
  } else {
    title = 'GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT';
    const p = person(random);
    const area = `${50 + Math.floor(random() * 900)},${Math.floor(random() * 10)}`;
    line('Người sử dụng đất', p.name, 'holderName');
    line('Năm sinh', p.date.slice(0, 4), 'holderBirthYear');
    line('Số định danh cá nhân', p.id, 'holderPersonalId');
    line('Địa chỉ thường trú', p.place, 'holderAddress');
    line('Thửa đất số', String(1 + Math.floor(random() * 400)), 'parcelNumber');
    line('Tờ bản đồ số', String(1 + Math.floor(random() * 60)), 'mapSheetNumber');
    line('Địa chỉ thửa đất', p.place, 'parcelAddress');
    line('Diện tích', `${area} m²`, 'area', area);
    const registry = String(Math.floor(random() * 99999)).padStart(5, '0');
    line('Số vào sổ cấp giấy chứng nhận', `CS ${registry}`, 'registryNumber', `CS${registry}`);
  }
  const { png, text } = await renderPaper(title, body);
  return { type, truth, text, png };
}

/** A printed paper: the national header, the title, then one `label: value` line per entry (a PNG at 200 dpi). */
async function renderPaper(title: string, body: [string, string][]): Promise<{ png: Buffer; text: string }> {
  const lines: TextLine[] = [...HEADER, { text: '', size: 20 }, { text: title, size: 52, bold: true, center: true }, { text: '', size: 20 }];
  for (const [label, printed] of body) lines.push({ text: label ? `${label}: ${printed}` : printed, size: 36 });
  const png = await sharp(Buffer.from(renderLines(lines)))
    .png()
    .toBuffer();
  const text = lines
    .map((l) => l.text)
    .filter(Boolean)
    .join('\n');
  return { png, text };
}

/** A birth certificate of a given person (the self-digitisation tests photograph the demo newborn's). */
export async function renderBirthCertificate(p: {
  fullName: string;
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  placeOfBirth: string;
  personalId: string;
  motherName: string;
  fatherName: string;
}): Promise<Buffer> {
  const body: [string, string][] = [
    ['Họ, chữ đệm, tên', p.fullName.toLocaleUpperCase('vi')],
    ['Ngày, tháng, năm sinh', vnDate(p.dateOfBirth)],
    ['', `Giới tính: ${p.sex}    Dân tộc: Kinh    Quốc tịch: Việt Nam`],
    ['Nơi sinh', p.placeOfBirth],
    ['Số định danh cá nhân', p.personalId],
    ['Họ, chữ đệm, tên người mẹ', p.motherName.toLocaleUpperCase('vi')],
    ['Họ, chữ đệm, tên người cha', p.fatherName.toLocaleUpperCase('vi')],
  ];
  return (await renderPaper('GIẤY KHAI SINH', body)).png;
}

export interface IdCardHolder {
  personalId: string;
  oldIdNumber?: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  permanentResidence: string;
  issueDate: string;
}

/**
 * The back of a chip identity card (85.6 × 54 mm at ~10 px/mm) with its QR at the top right, photographed at an angle
 * on a table: sheared and turned, slightly blurred, JPEG-compressed.
 */
export async function photographIdCardBack(holder: IdCardHolder, photo: { angle?: number; jpegQuality?: number } = {}): Promise<Buffer> {
  return photographQr(formatCccdQr(holder), photo);
}

/** Any QR payload printed on a card and photographed the same way (e.g. a QR that is not an identity card). */
export async function photographQr(payload: string, photo: { angle?: number; jpegQuality?: number } = {}): Promise<Buffer> {
  await prepareZxing();
  const qr = await writeBarcode(payload, { format: 'QRCode', ecLevel: 'M', scale: 4 });
  if (qr.error || !qr.image) throw new Error(`QR not written: ${qr.error}`);
  const qrPng = await sharp(Buffer.from(await qr.image.arrayBuffer()))
    .resize({ width: 300, kernel: 'nearest' })
    .png()
    .toBuffer();
  const f = loadFonts();
  const label = textPath(f.regular, 'Đặc điểm nhân dạng: Sẹo chấm C 1cm trên đuôi mắt phải', 40, 120, 22).d;
  const card = await sharp({ create: { width: 856, height: 540, channels: 3, background: '#e8eef2' } })
    .composite([
      { input: qrPng, left: 520, top: 30 },
      { input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="856" height="540"><path d="${label}" fill="#222"/></svg>`), left: 0, top: 0 },
    ])
    .png()
    .toBuffer();
  const sheared = await sharp(card)
    .affine(
      [
        [1, 0.18],
        [0.08, 0.92],
      ],
      { background: '#6b5a48' },
    )
    .rotate(photo.angle ?? 23, { background: '#6b5a48' })
    .extend({ top: 120, bottom: 120, left: 160, right: 160, background: '#6b5a48' })
    .blur(0.8)
    .png()
    .toBuffer();
  return sharp(sheared)
    .jpeg({ quality: photo.jpegQuality ?? 55 })
    .toBuffer();
}
