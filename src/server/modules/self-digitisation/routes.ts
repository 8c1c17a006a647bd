/**
 * Self-digitisation over HTTP (docs/digitisation.md "Self-digitisation"):
 *
 * - POST /api/photo-copies {uploadId, type}: the citizen's photo of a paper, kept as a photo copy and recognised in
 *   the background (202 at once); GET /api/photo-copies/:id to poll; PUT /api/photo-copies/:id/confirmation with
 *   every recognised field confirmed (changed values keep their original). Only the citizen who uploaded it.
 * - POST /api/my/store/photo-copies {uploadId, type}: the same from the personal store page (no dossier): the photo
 *   copy is also listed in the citizen's store as "bản chụp tự số hoá — chưa đối chiếu bản gốc" (kind photo_copy);
 *   a JPEG or PNG only. Confirmed with the same PUT; used in a journey like any store document.
 * - DELETE /api/my/store/photo-copies/:id (id = the store entry, `storeDocumentId`): the citizen deletes her photo
 *   copy from the store. One still used by a dossier is refused (409 PHOTO_COPY_IN_USE: the dossier keeps its file,
 *   never broken); once deleted, a second DELETE is 404. Only her own (anyone else's 404).
 * - GET /api/staff/dossiers/:id/photo-copies: the dossier's photo copies, with the citizen's changes, for officials
 *   who see the dossier; POST …/photo-copies/:documentId/confirm-original: "Đã đối chiếu bản gốc" by the counter
 *   (reception of the receiving unit) or the competent agency's specialist.
 */
import type { FastifyInstance } from 'fastify';
import { json, Ok } from '../../../contract/http.ts';
import {
  ConfirmOriginalBody,
  PhotoCopyConfirmation,
  PhotoCopyParams,
  PhotoCopyRequest,
  PhotoCopyView,
  StaffPhotoCopies,
  StaffPhotoCopyParams,
  StorePhotoCopyView,
} from '../../../contract/self-digitisation.ts';
import { DossierIdParams } from '../../../contract/dossiers.ts';
import type { AppContext } from '../../context.ts';
import { requireCitizen } from '../../http/actor.ts';
import { defineRoute } from '../../http/route.ts';
import { requireStaff } from '../officials/index.ts';
import { confirmOriginal, confirmPhotoCopy, createPhotoCopy, createStorePhotoCopy, deleteStorePhotoCopy, getPhotoCopy, staffPhotoCopies } from './service.ts';

export async function selfDigitisationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/photo-copies',
      summary: 'Công dân chụp ảnh giấy tờ: lưu làm bản chụp (không phải bản sao chứng thực) và nhận dạng nền',
      tags: ['self-digitisation'],
      body: PhotoCopyRequest,
      rateLimit: { max: 30, timeWindow: '1 minute' },
      response: json(PhotoCopyView, [202]),
    },
    async ({ body, req, reply }) => {
      const r = await createPhotoCopy(ctx, requireCitizen(req), body);
      reply.status(202);
      return r;
    },
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/my/store/photo-copies',
      summary: 'Công dân chụp ảnh giấy tờ từ Kho dữ liệu: lưu làm bản chụp tự số hoá (chưa đối chiếu bản gốc) và nhận dạng nền',
      tags: ['self-digitisation', 'store'],
      body: PhotoCopyRequest,
      rateLimit: { max: 30, timeWindow: '1 minute' },
      response: json(StorePhotoCopyView, [202]),
    },
    async ({ body, req, reply }) => {
      const r = await createStorePhotoCopy(ctx, requireCitizen(req), body);
      reply.status(202);
      return r;
    },
  );

  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/my/store/photo-copies/:id',
      summary:
        'Công dân xoá bản chụp tự số hoá khỏi Kho dữ liệu (id: mục trong kho). Bản chụp đang dùng trong hồ sơ không xoá được (409), hồ sơ luôn giữ tệp; xoá lần hai: 404',
      tags: ['self-digitisation', 'store'],
      params: PhotoCopyParams,
      rateLimit: { max: 30, timeWindow: '1 minute' },
      response: Ok,
    },
    async ({ params, req }) => {
      await deleteStorePhotoCopy(ctx, requireCitizen(req), params.id);
      return { ok: true as const };
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/photo-copies/:id',
      summary: 'Bản chụp giấy tờ và các trường nhận dạng được (chỉ người chụp)',
      tags: ['self-digitisation'],
      params: PhotoCopyParams,
      response: PhotoCopyView,
    },
    async ({ params, req }) => getPhotoCopy(ctx, requireCitizen(req), params.id),
  );

  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/photo-copies/:id/confirmation',
      summary: 'Công dân xác nhận từng trường nhận dạng (giá trị đã sửa giữ giá trị gốc)',
      tags: ['self-digitisation'],
      params: PhotoCopyParams,
      body: PhotoCopyConfirmation,
      response: PhotoCopyView,
    },
    async ({ params, body, req }) => confirmPhotoCopy(ctx, requireCitizen(req), params.id, body.fields),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/staff/dossiers/:id/photo-copies',
      summary: 'Các bản chụp do công dân tự số hóa của hồ sơ, với giá trị công dân đã sửa',
      tags: ['self-digitisation'],
      params: DossierIdParams,
      response: StaffPhotoCopies,
    },
    async ({ params, req }) => staffPhotoCopies(ctx, await requireStaff(ctx, req), params.id),
  );

  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/staff/dossiers/:id/photo-copies/:documentId/confirm-original',
      summary: 'Đã đối chiếu bản gốc: đóng dấu chuyển đổi NĐ 137/2024, ký số của đơn vị, đánh dấu đã số hóa và đưa vào kho dữ liệu',
      tags: ['self-digitisation'],
      params: StaffPhotoCopyParams,
      body: ConfirmOriginalBody,
      response: StaffPhotoCopies,
    },
    async ({ params, req }) => confirmOriginal(ctx, await requireStaff(ctx, req), params.id, params.documentId),
  );
}
