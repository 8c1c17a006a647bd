/**
 * PAKN by e-mail over real SMTP (nodemailer → the feedback SMTP receiver): a message to a unit's feedback address
 * creates exactly one item of channel 'email' for that unit, resending the same Message-ID creates none, an
 * address that is not a feedback address is refused at RCPT TO, and the sender's address stays a private contact
 * (seen by the unit's officials only, removed from the moderation proposal).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { testDatabaseKind } from '../../testing/harness.ts';
import { type FeedbackMailbox, runFeedbackMailboxCommand, startFeedbackMailbox } from './index.ts';

describe(`feedback by e-mail (SMTP) on ${testDatabaseKind}`, () => {
  let bo: BackOffice;
  let box: FeedbackMailbox;
  let transport: Transporter;
  const rows = async (messageId: string) =>
    (
      await bo.t.ctx.db.query<{ id: string; channel: string; unit_id: string; contact: string; sender_name: string; title: string; content: string }>(
        'SELECT id, channel, unit_id, contact, sender_name, title, content FROM feedback WHERE external_id = $1',
        [`email:${messageId}`],
      )
    ).rows;
  beforeAll(async () => {
    bo = await startBackOffice();
    box = await startFeedbackMailbox(bo.t.ctx.db, { port: 0 });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: box.port, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    transport?.close();
    await box?.close();
    await bo?.close();
  });

  it("turns a mail to the commune's feedback address into one PAKN; the same Message-ID again creates none", async () => {
    const messageId = `<pakn-${Date.now()}@example.vn>`;
    const mail = {
      from: '"Nguyễn Văn Bình" <binh.nguyen@example.vn>',
      to: 'PhanAnh.PhuRieng@motcua.local',
      subject: 'Đèn đường thôn Phú Bình hỏng',
      text: 'Đèn đường đầu thôn Phú Bình hỏng đã hai tuần. Liên hệ binh.nguyen@example.vn hoặc 0912 345 678.',
      messageId,
    };
    const sent = await transport.sendMail(mail);
    expect(sent.accepted).toEqual(['PhanAnh.PhuRieng@motcua.local']);
    const [item, ...more] = await rows(messageId);
    expect(more).toHaveLength(0);
    expect(item).toMatchObject({
      channel: 'email',
      unit_id: 'dni.phurieng.ubnd',
      contact: 'binh.nguyen@example.vn',
      sender_name: 'Nguyễn Văn Bình',
      title: 'Đèn đường thôn Phú Bình hỏng',
    });
    expect(item.content).toContain('hai tuần');

    // Resent (or redelivered by the relay): accepted, nothing new.
    await transport.sendMail(mail);
    await transport.sendMail(mail);
    expect(await rows(messageId)).toHaveLength(1);

    // The unit's officials see it with the deadline; the proposal for publication has no e-mail or phone left;
    // another commune's officials do not see it.
    const leader = (await (await bo.staff('lanhdao.phurieng')).get('/api/staff/feedback')).json().items.find((x: { id: string }) => x.id === item.id);
    expect(leader).toMatchObject({ channel: 'email', status: 'received', unitId: 'dni.phurieng.ubnd' });
    expect(leader.dueAt).not.toBeNull();
    expect(leader.proposal.question).not.toContain('binh.nguyen@example.vn');
    expect(leader.proposal.question).not.toContain('345 678');
    // The commune's one-stop desk receives it too.
    expect((await (await bo.staff('tiepnhan.phurieng')).get('/api/staff/feedback')).json().items.map((x: { id: string }) => x.id)).toContain(item.id);
    const other = (await (await bo.staff('vanthu.xuanthanh')).get('/api/staff/feedback')).json().items.map((x: { id: string }) => x.id);
    expect(other).not.toContain(item.id);
  });

  it('refuses an address that is not a feedback address, and creates nothing', async () => {
    const messageId = `<nobody-${Date.now()}@example.vn>`;
    const err = await transport.sendMail({ from: 'a@example.vn', to: 'giamdoc@motcua.local', subject: 'x', text: 'y', messageId }).then(
      () => null,
      (e: { responseCode?: number }) => e,
    );
    expect(err?.responseCode).toBe(550);
    expect(await rows(messageId)).toHaveLength(0);
  });

  it('stores a hostile message cleaned (NUL and control characters, a huge subject), and refuses one over the size limit', async () => {
    const messageId = `<odd-${Date.now()}@example.vn>`;
    await transport.sendMail({
      from: '"Kẻ\u0000 Lạ" <la@example.vn>',
      to: 'phananh.phurieng@motcua.local',
      subject: `Tiêu đề\u0000\u0007 ${'dài '.repeat(500)}`,
      text: `Nội dung\u0000 có ký tự lạ\u0001 ${'x'.repeat(20_000)}`,
      messageId,
    });
    const [item] = await rows(messageId);
    expect(item.title.length).toBeLessThanOrEqual(200);
    expect(item.content.length).toBeLessThanOrEqual(5000);
    expect(`${item.title}${item.content}${item.sender_name}`).not.toMatch(/[\u0000-\u0008]/);
    expect(item.title.startsWith('Tiêu đề')).toBe(true);

    const small = await startFeedbackMailbox(bo.t.ctx.db, { port: 0, maxBytes: 2000 });
    const t2 = nodemailer.createTransport({ host: '127.0.0.1', port: small.port, secure: false, ignoreTLS: true });
    try {
      const big = `<big-${Date.now()}@example.vn>`;
      const err = await t2
        .sendMail({ from: 'b@example.vn', to: 'phananh.phurieng@motcua.local', subject: 'Lớn', text: 'y'.repeat(10_000), messageId: big })
        .then(
          () => null,
          (e: { responseCode?: number }) => e,
        );
      expect(err?.responseCode).toBe(552);
      expect(await rows(big)).toHaveLength(0);
    } finally {
      t2.close();
      await small.close();
    }
  });

  it("an administrator adds a unit's address from the command line; mail to it goes to that unit", async () => {
    const out: string[] = [];
    const withDb = <T>(fn: (db: typeof bo.t.ctx.db) => Promise<T>) => fn(bo.t.ctx.db);
    expect(await runFeedbackMailboxCommand(['--address', 'vanphong.xt@motcua.local', '--unit', 'khong.co'], withDb, (l) => out.push(l))).toBe(2);
    expect(await runFeedbackMailboxCommand(['--address', 'khong-hop-le', '--unit', 'dni.xuanthanh.vanphong'], withDb, (l) => out.push(l))).toBe(2);
    expect(await runFeedbackMailboxCommand(['--address', 'VanPhong.XT@motcua.local', '--unit', 'dni.xuanthanh.vanphong'], withDb, (l) => out.push(l))).toBe(0);
    expect(await runFeedbackMailboxCommand(['--list'], withDb, (l) => out.push(l))).toBe(0);
    expect(out).toContain('vanphong.xt@motcua.local\tdni.xuanthanh.vanphong');
    const messageId = `<xt-${Date.now()}@example.vn>`;
    await transport.sendMail({
      from: 'c@example.vn',
      to: 'vanphong.xt@motcua.local',
      subject: 'Hỏi giờ làm việc',
      text: 'Thứ Bảy có làm việc không?',
      messageId,
    });
    const [item] = await rows(messageId);
    expect(item).toMatchObject({ unit_id: 'dni.xuanthanh.vanphong', sender_name: 'Người gửi qua thư điện tử', contact: 'c@example.vn' });
  });

  it('is configured by FEEDBACK_SMTP_PORT: off in tests and production unless set, 2526 in development', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).feedbackMail).toEqual({ port: null, host: '127.0.0.1' });
    expect(loadConfig({ NODE_ENV: 'development' }).feedbackMail.port).toBe(2526);
    expect(loadConfig({ NODE_ENV: 'test', FEEDBACK_SMTP_PORT: '2600', FEEDBACK_SMTP_HOST: '0.0.0.0' }).feedbackMail).toEqual({ port: 2600, host: '0.0.0.0' });
    expect(loadConfig({ NODE_ENV: 'development', FEEDBACK_SMTP_PORT: 'off' }).feedbackMail.port).toBeNull();
    expect(() => loadConfig({ NODE_ENV: 'test', FEEDBACK_SMTP_PORT: 'abc' })).toThrow(/FEEDBACK_SMTP_PORT/);
  });
});
