/**
 * Test fixtures for the back office: a running app with demo data, logged-in clients for demo officials and a
 * citizen, online submission of a birth registration, and a business clock set to a chosen working day.
 */
import crypto from 'node:crypto';
import { expect } from 'vitest';
import { addDaysIso, isWorkingDay } from '../../core/calendar/holidays.ts';
import { fromLocal, toLocal } from '../../core/deadlines/deadlines.ts';
import { setClockTo, systemNow } from '../clock.ts';
import { DEMO_FATHER_ID, DEMO_MOTHER_ID } from '../standins/population/demo-residents.ts';
import { startTestApp, TestClient, type TestApp } from './harness.ts';
import { tinyPdf } from './pdf.ts';
import { DEMO_OFFICIAL_PASSWORD } from '../modules/officials/index.ts';
import { loadCalendar } from '../modules/reference/index.ts';

export const PDF_BYTES = tinyPdf('scan');

export interface BackOffice {
  t: TestApp;
  citizen: TestClient;
  staff: (username: string) => Promise<TestClient>;
  /** A working day (followed by another) at least a week ahead, yyyy-mm-dd. */
  day: string;
  /** hh:mm (Vietnam time) of `day` plus some working days. */
  instant: (hhmm: string, plusWorkingDays?: number) => Date;
  /** Sets (and freezes) the business clock at that instant. */
  at: (hhmm: string, plusWorkingDays?: number) => Date;
  /** A birth registration submitted online by the demo mother (`locale`: the interface language she submits in). */
  submitBirthRegistration: (opts?: { locale?: 'vi' | 'en' }) => Promise<{ id: string; code: string }>;
  close: () => Promise<void>;
}

export async function startBackOffice(opts: { env?: Record<string, string> } = {}): Promise<BackOffice> {
  const t = await startTestApp({ seed: true, env: opts.env });
  const cal = await loadCalendar(t.ctx.db);
  let day = addDaysIso(toLocal(systemNow()).day, 7);
  while (!(isWorkingDay(day, cal.days) && isWorkingDay(addDaysIso(day, 1), cal.days))) day = addDaysIso(day, 1);
  const instant = (hhmm: string, plusWorkingDays = 0) => {
    let d = day;
    for (let i = 0; i < plusWorkingDays; i++) {
      d = addDaysIso(d, 1);
      while (!isWorkingDay(d, cal.days)) d = addDaysIso(d, 1);
    }
    const [h, m] = hhmm.split(':').map(Number);
    return fromLocal(d, h * 60 + m);
  };
  const at = (hhmm: string, plusWorkingDays = 0) => {
    const i = instant(hhmm, plusWorkingDays);
    setClockTo(i, { frozen: true });
    return i;
  };
  at('08:00');
  const citizen = new TestClient(t.app);
  await citizen.loginAs(t.ctx.db, 'citizen', {
    citizenId: crypto.randomUUID(),
    idNumber: DEMO_MOTHER_ID,
    fullName: 'Trần Thị Mai',
    loginAt: systemNow().toISOString(),
  });
  const clients = new Map<string, TestClient>();
  const staff = async (username: string) => {
    let c = clients.get(username);
    if (!c) {
      c = new TestClient(t.app);
      const res = await c.post('/api/staff/login', { username, password: DEMO_OFFICIAL_PASSWORD });
      expect(res.statusCode, `login ${username}`).toBe(200);
      clients.set(username, c);
    }
    return c;
  };
  const submitBirthRegistration = async (opts: { locale?: 'vi' | 'en' } = {}) => {
    const draft = (await citizen.post('/api/drafts', { procedureCode: '1.001193', caseCode: 'dung-han' })).json();
    const upload = (await citizen.upload('/api/uploads', 'giay-chung-sinh.pdf', 'application/pdf', PDF_BYTES)).json();
    const saved = (
      await citizen.put(`/api/drafts/${draft.id}`, {
        revision: draft.revision,
        values: { ...draft.values, noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: 'me' },
        documents: [{ requirementCode: 'GCS', uploadId: upload.id }],
      })
    ).json();
    const res = await citizen.post('/api/dossiers', { draftId: saved.id, idempotencyKey: crypto.randomUUID(), ...opts });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; code: string };
  };
  return { t, citizen, staff, day, instant, at, submitBirthRegistration, close: () => t.close() };
}

export { DEMO_FATHER_ID, DEMO_MOTHER_ID };
