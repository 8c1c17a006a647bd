/**
 * Reception API: the online queue of the officer's counters, counter and postal intake (identity check, prefilled
 * e-form, scans, documents reused from the present citizen's store). The receipt (Mẫu 01) and the other forms are served by the workflow module (forms routes).
 */
import type { FastifyInstance } from 'fastify';
import { createdOrFound } from '../../../contract/http.ts';
import { StoreList, StoreOfPersonBody } from '../../../contract/results.ts';
import { IdentityCheckBody, IdentityCheckResult, IntakeBody, IntakePrefill, IntakeResult, PrefillBody, ReceptionQueue } from '../../../contract/reception.ts';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../http/route.ts';
import { requireStaff } from '../officials/index.ts';
import { listStore } from '../results/index.ts';
import { counterIntake, counterUnits, identityCheck, intakePrefill, verifyIdentityCheck } from './intake.ts';
import { receptionQueue } from './service.ts';

export default async function receptionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/reception/queue',
      summary: 'Hồ sơ trực tuyến chờ tiếp nhận tại quầy của tôi',
      tags: ['reception'],
      response: ReceptionQueue,
    },
    async ({ req }) => {
      const staff = await requireStaff(ctx, req);
      return { items: await receptionQueue(ctx, counterUnits(staff)) };
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/intake/identity-check',
      summary: 'Kiểm tra danh tính người nộp với Cơ sở dữ liệu quốc gia về dân cư (được ghi nhật ký tra cứu)',
      tags: ['reception'],
      body: IdentityCheckBody,
      response: IdentityCheckResult,
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
      body: PrefillBody,
      response: IntakePrefill,
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
      body: IntakeBody,
      response: createdOrFound(IntakeResult),
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
      body: StoreOfPersonBody,
      response: StoreList,
    },
    async ({ body, req }) => {
      const staff = await requireStaff(ctx, req);
      verifyIdentityCheck(ctx, staff, body.idNumber, body.checkToken);
      return { items: await listStore(ctx.db, body.idNumber) };
    },
  );
}
