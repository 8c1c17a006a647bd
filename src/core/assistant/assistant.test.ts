import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProcedureDefinition } from '../catalogue/schema.ts';
import { answerQuestion } from './answer.ts';
import { aspectsAsked, asksForStatus, dossierCodesIn } from './intent.ts';
import { redactPersonalData } from './redact.ts';
import { AssistantIndex, type Phrasing } from './retrieve.ts';
import { foldForAssistant } from './text.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { phrasings } = JSON.parse(fs.readFileSync(path.join(root, 'data/assistant/phrasings.json'), 'utf8')) as { phrasings: Phrasing[] };
const dir = path.join(root, 'data/catalogue/procedures');
const catalogue = fs.readdirSync(dir).map((f) => ProcedureDefinition.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))));
const index = new AssistantIndex(catalogue, phrasings);
const ask = (q: string, today = '2026-01-15') => answerQuestion(index, q, { today, hotline: '1022' });

describe('assistant (pure)', () => {
  it('folds diacritics and the i/y spellings alike', () => {
    expect(foldForAssistant('Đăng ký KHAI SINH')).toBe(foldForAssistant('dang ki khai sinh'));
    expect(foldForAssistant('hay')).toBe('hay');
  });

  it('answers the issue’s three phrasings with the right procedure, from its data', () => {
    expect(ask('làm giấy khai sinh cho con').procedures[0].code).toBe('1.001193');
    expect(ask('xin xác nhận độc thân').procedures[0].code).toBe('1.004873');
    expect(ask('sang tên sổ đỏ').procedures[0].code).toBe('2.001035');
  });

  it('says it is not sure about a question outside the catalogue and cites nothing', () => {
    for (const q of ['xin visa đi Mỹ', 'thời tiết hôm nay thế nào', 'làm hộ chiếu mất bao lâu']) {
      const a = ask(q);
      expect(a.confident, q).toBe(false);
      expect(a.procedures, q).toEqual([]);
      expect(a.sources, q).toEqual([]);
      expect(a.answer).toContain('chưa chắc chắn');
      expect(a.answer).toContain('1022');
      // …and offers to send the question to an official (the public Q&A's question form), without the question in it
      expect(a.links.map((l) => l.href)).toEqual(['tel:1022', '/phan-anh?loai=cau-hoi']);
    }
  });

  it('gives the fee with the online reduction in force on the day, and the time limit of the case asked', () => {
    const a = ask('khai sinh quá hạn mất bao nhiêu tiền');
    expect(a.answer).toContain('8.000 đồng');
    expect(a.answer).toContain('giảm 50% còn 4.000 đồng');
    expect(a.links[0].href).toBe('/nop-ho-so/1.001193?truong-hop=qua-han');
    // Before the reduction's effective date there is none.
    expect(ask('khai sinh quá hạn mất bao nhiêu tiền', '2025-06-30').answer).not.toContain('giảm');
    expect(ask('khai sinh quá hạn mất bao lâu').answer).toContain('Thời hạn giải quyết: 3 ngày làm việc');
  });

  it('lists the cases with a link each when the question does not say which', () => {
    const a = ask('đăng ký khai sinh');
    expect(a.links.map((l) => l.href)).toEqual(['/nop-ho-so/1.001193?truong-hop=dung-han', '/nop-ho-so/1.001193?truong-hop=qua-han', '/thu-tuc/1.001193']);
  });

  it('lists the documents of the procedure, marking the optional ones', () => {
    const a = ask('xác nhận tình trạng hôn nhân cần giấy tờ gì');
    const def = catalogue.find((d) => d.code === '1.004873')!;
    for (const d of def.cases[0].documents) expect(a.answer).toContain(d.name);
    expect(a.answer).not.toContain('Phí, lệ phí');
  });

  it('recognises questions about one’s own dossier, with or without a code', () => {
    expect(asksForStatus('hồ sơ của tôi đến đâu rồi')).toBe(true);
    expect(asksForStatus('ho so cua toi den dau roi')).toBe(true);
    expect(asksForStatus('kiểm tra 000.00.12.H35-260105-0001 giúp')).toBe(true);
    expect(dossierCodesIn('mã 000.00.12.h35-260105-0001.')).toEqual(['000.00.12.H35-260105-0001']);
    expect(asksForStatus('đăng ký khai sinh')).toBe(false);
    expect(aspectsAsked('mất bao lâu, bao nhiêu tiền, nộp ở đâu')).toEqual(['fees', 'timeLimit', 'where']);
  });

  it('keeps no personal data in what it logs', () => {
    const r = redactPersonalData('Tôi tên An, CCCD 001203004567, sđt 0912 345 678, email an.nguyen@example.vn, hồ sơ 000.00.12.H35-260105-0001');
    expect(r).not.toMatch(/001203004567|0912|345 678|an\.nguyen|H35-260105/);
    expect(r).toContain('[số]');
  });
});
