import { describe, expect, it } from 'vitest';
import type { StoreItem } from '../api/types.ts';
import { acceptsStoreDocuments, fittingDocuments, storeDocumentFits, storeItemState } from './fit.ts';

const doc = (patch: Partial<StoreItem>): StoreItem => ({
  id: crypto.randomUUID(),
  kind: 'result',
  title: 'Giấy khai sinh số 1/2026/HT-KS',
  documentType: 'giay-khai-sinh',
  resultCode: 'KQ.HT.KS',
  sha256: 'a'.repeat(64),
  mime: 'application/pdf',
  size: 1000,
  issuedAt: '2026-03-10T03:00:00.000Z',
  validTo: null,
  resultId: crypto.randomUUID(),
  resultStatus: 'valid',
  sourceDossierCode: '000.01.52.H19-260310-0001',
  photoCopy: null,
  ...patch,
});

describe('stored documents fitting a requirement', () => {
  const gks = { code: 'GKS', name: 'Giấy khai sinh của trẻ', documentType: 'giay-khai-sinh', satisfiedByResultCodes: ['KQ.HT.KS'] };
  const today = '2026-03-10';

  it('fits by document type or by result code', () => {
    expect(storeDocumentFits(doc({}), gks, today)).toBe(true);
    expect(storeDocumentFits(doc({ documentType: null }), gks, today)).toBe(true);
    expect(storeDocumentFits(doc({ resultCode: null, kind: 'digitised', resultStatus: null, resultId: null }), gks, today)).toBe(true);
    expect(storeDocumentFits(doc({ documentType: 'giay-chung-sinh', resultCode: null }), gks, today)).toBe(false);
    expect(storeDocumentFits(doc({}), { code: 'X', name: 'Khác', satisfiedByResultCodes: [] }, today)).toBe(false);
  });

  it('never offers a withdrawn or expired document', () => {
    expect(storeDocumentFits(doc({ resultStatus: 'cancelled' }), gks, today)).toBe(false);
    expect(storeDocumentFits(doc({ resultStatus: 'replaced' }), gks, today)).toBe(false);
    expect(storeDocumentFits(doc({ validTo: '2026-03-09' }), gks, today)).toBe(false);
    expect(storeDocumentFits(doc({ validTo: '2026-03-10' }), gks, today)).toBe(true);
    expect(storeItemState(doc({ validTo: '2026-03-09', resultStatus: 'cancelled' }), today)).toBe('cancelled');
    expect(storeItemState(doc({ validTo: '2026-03-09' }), today)).toBe('expired');
  });

  it('lists only what fits and knows requirements no stored document can satisfy', () => {
    const items = [doc({}), doc({ documentType: 'giay-chung-sinh', resultCode: null }), doc({ resultStatus: 'cancelled' })];
    expect(fittingDocuments(items, gks, today)).toEqual([items[0]]);
    expect(acceptsStoreDocuments(gks)).toBe(true);
    expect(acceptsStoreDocuments({ code: 'CT01', name: 'Tờ khai', satisfiedByResultCodes: [] })).toBe(false);
  });
});

describe('a photo copy from the store (self-digitisation)', () => {
  const req = { code: 'GKS', name: 'Giấy khai sinh', documentType: 'giay-khai-sinh' };
  const photo = (confirmed: boolean) =>
    doc({ kind: 'photo_copy', resultCode: null, resultId: null, resultStatus: null, photoCopy: { id: crypto.randomUUID(), status: 'done', confirmed } });
  it('fits only once the citizen confirmed its fields', () => {
    expect(storeDocumentFits(photo(false), req, '2026-12-07')).toBe(false);
    expect(storeDocumentFits(photo(true), req, '2026-12-07')).toBe(true);
  });
});
