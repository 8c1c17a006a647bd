/**
 * Reception API: the online queue of the officer's counters, counter and postal intake (identity check, prefilled
 * e-form, scans, documents reused from the present citizen's store). The receipt (Mẫu 01) and the other forms are served by the workflow module (forms routes).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/route.ts';
import { requireStaff } from '../officials/index.ts';
import { listStore } from '../results/index.ts';
import { counterIntake, counterUnits, identityCheck, intakePrefill, verifyIdentityCheck } from './intake.ts';
import { receptionQueue } from './service.ts';

const IdNumber = z.string().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số');

export default async function receptionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(app, { method: 'GET', url: '/api/staff/reception/queue', summary: 'Hồ sơ trực tuyến chờ tiếp nhận tại quầy của tôi', tags: ['reception'] }, async ({ req }) => {
    const staff = await requireStaff(ctx, req);
    return { items: await receptionQueue(ctx, counterUnits(staff)) };
  });

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/intake/identity-check',
      summary: 'Kiểm tra danh tính người nộp với Cơ sở dữ liệu quốc gia về dân cư (được ghi nhật ký tra cứu)',
      tags: ['reception'],
      body: z.object({ idNumber: IdNumber }),
    },
    async ({ body, req }) => identityCheck(ctx, await requireStaff(ctx, req), body.idNumber),
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/intake/prefill',
      summary: 'Biểu mẫu điện tử của thủ tục, điền sẵn thông tin của người nộp từ CSDL dân cư',
      tags: ['reception'],
      body: z.object({ procedureCode: z.string().min(1).max(64), caseCode: z.string().min(1).max(64), idNumber: IdNumber, checkToken: z.string().min(10).max(200) }),
    },
    async ({ body, req }) => intakePrefill(ctx, await requireStaff(ctx, req), body),
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/intake',
      summary: 'Tiếp nhận hồ sơ trực tiếp tại quầy (kênh 1) hoặc qua bưu chính (kênh 3): cấp mã, hẹn trả, vào sổ (idempotent)',
      tags: ['reception'],
      body: z.object({
        idempotencyKey: z.string().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/),
        channel: z.union([z.literal(1), z.literal(3)]),
        receivingUnitId: z.string().max(100).optional(),
        procedureCode: z.string().min(1).max(64),
        procedureVersion: z.number().int().min(1),
        caseCode: z.string().min(1).max(64),
        identity: z.object({ idNumber: IdNumber, checkToken: z.string().min(10).max(200) }),
        contact: z.object({ phone: z.string().max(20).optional(), email: z.string().max(200).optional() }).default({}),
        values: z.record(z.string(), z.unknown()),
        seal: z.string().max(4000),
        documents: z
          .array(
            z
              .object({ requirementCode: z.string().min(1).max(100), uploadId: z.string().uuid().optional(), storeDocumentId: z.string().uuid().optional() })
              .refine((d) => (d.uploadId === undefined) !== (d.storeDocumentId === undefined), { message: 'Mỗi giấy tờ là một bản quét hoặc một giấy tờ lấy từ kho dữ liệu' }),
          )
          .max(50),
        resultDelivery: z.enum(['counter', 'post', 'online']),
        competentUnitId: z.string().max(100).optional(),
        waybill: z.string().trim().min(4, 'Số vận đơn không hợp lệ').max(50).optional(),
        note: z.string().trim().max(1000).optional(),
      }),
    },
    async ({ body, req, reply }) => {
      const result = await counterIntake(ctx, await requireStaff(ctx, req), body);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/intake/store',
      summary: 'Kho dữ liệu của công dân đang có mặt tại quầy (đã kiểm tra danh tính), để lấy giấy tờ thay cho bản giấy',
      tags: ['store'],
      body: z.object({ idNumber: z.string().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số'), checkToken: z.string().min(10).max(200) }),
    },
    async ({ body, req }) => {
      const staff = await requireStaff(ctx, req);
      verifyIdentityCheck(ctx, staff, body.idNumber, body.checkToken);
      return { items: await listStore(ctx.db, body.idNumber) };
    },
  );
}
