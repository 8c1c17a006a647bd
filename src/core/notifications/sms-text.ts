/**
 * SMS text: the diacritic-free variant of a Vietnamese text and the length budget of one SMS segment. A GSM-7 SMS
 * holds 160 characters; as soon as one character is outside the GSM 03.38 alphabet (any Vietnamese letter with a
 * diacritic) the whole message is sent as UCS-2 and one segment holds 70 characters, so the cost doubles or more.
 */

/** GSM 03.38 basic alphabet (one septet each). */
const GSM7_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** GSM 03.38 extension table (escape + one septet: two each). */
const GSM7_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM7_BASIC);
const extended = new Set(GSM7_EXTENDED);

/** Removes Vietnamese diacritics (đ → d), keeps case, and maps typographic quotes and dashes to ASCII. */
export function withoutDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .normalize('NFC');
}

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsMeasure {
  encoding: SmsEncoding;
  /** Length in the units of the encoding (septets for GSM-7, UTF-16 code units for UCS-2). */
  length: number;
  /** What one segment holds in that encoding: 160 or 70. */
  singleSegmentLimit: number;
  /** Segments the message takes (concatenated SMS hold 153 / 67 per segment). */
  segments: number;
}

export function measureSms(text: string): SmsMeasure {
  let septets = 0;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else {
      const length = text.length;
      return { encoding: 'ucs2', length, singleSegmentLimit: 70, segments: length <= 70 ? 1 : Math.ceil(length / 67) };
    }
  }
  return { encoding: 'gsm7', length: septets, singleSegmentLimit: 160, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}
