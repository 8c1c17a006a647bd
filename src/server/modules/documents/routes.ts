/**
 * Uploads: PDF, JPEG or PNG, checked by content (not name), limited in size, stored content-addressed.
 * An upload belongs to whoever made it; nobody else can read it by URL.
 */
import crypto from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { UPLOAD_MEDIA_TYPES, UploadInfo, UploadParams } from '../../../contract/documents.ts';
import { created, file } from '../../../contract/http.ts';
import { systemNow } from '../../clock.ts';
import { acceptedMimeLabel, safeFileName, sniffMime } from '../../../core/files/sniff.ts';
import type { AppContext } from '../../context.ts';
import { requireActor, type Actor } from '../../http/actor.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { defineRoute, describeRoute } from '../../http/route.ts';

export { UploadInfo };

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export default async function documentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const limit = ctx.config.maxUploadBytes;
  await app.register(multipart, { limits: { fileSize: limit, files: 1, fields: 5, parts: 6 } });

  describeRoute({
    method: 'POST',
    url: '/api/uploads',
    summary: 'Gửi lên một tệp (PDF, JPEG, PNG; kiểm tra theo nội dung, giới hạn dung lượng), dùng cho hồ sơ nháp, tiếp nhận, thao tác',
    tags: ['documents'],
    upload: { field: 'file', description: 'Tệp PDF, JPEG hoặc PNG' },
    response: created(UploadInfo),
  });
  app.post('/api/uploads', async (req, reply) => {
    const actor = requireActor(req);
    if (!req.isMultipart()) {
      throw new AppError('UPLOAD_NOT_MULTIPART', 'Vui lòng gửi tệp dưới dạng multipart/form-data với trường "file".', 400);
    }
    const part = await req.file();
    if (!part) throw new AppError('UPLOAD_MISSING_FILE', 'Chưa có tệp nào được gửi lên.', 400);
    const bytes = await part.toBuffer().catch((err: { code?: string }) => {
      if (err.code === 'FST_REQ_FILE_TOO_LARGE') return null;
      throw err;
    });
    if (bytes === null || part.file.truncated) {
      throw new AppError(
        'FILE_TOO_LARGE',
        `Tệp vượt quá dung lượng cho phép (tối đa ${megabytes(limit)}).`,
        413,
        { maxBytes: limit },
        { maxSize: megabytes(limit) },
      );
    }
    if (bytes.byteLength === 0) throw new AppError('FILE_EMPTY', 'Tệp rỗng, vui lòng chọn lại tệp.', 400);
    const mime = sniffMime(bytes.subarray(0, 64));
    if (!mime) {
      const name = safeFileName(part.filename);
      const accepted = Object.values(acceptedMimeLabel).join(', ');
      throw new AppError(
        'FILE_TYPE_NOT_ALLOWED',
        `Tệp "${name}" không phải ${accepted}. Hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp.`,
        415,
        undefined,
        { name, accepted },
      );
    }
    const info = await storeUpload(ctx, actor, bytes, part.filename, mime);
    return reply.status(201).send(info);
  });

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/uploads/:id',
      summary: 'Tải tệp đã gửi lên (chỉ người gửi)',
      tags: ['documents'],
      params: UploadParams,
      response: file('The uploaded file, as sent', ...UPLOAD_MEDIA_TYPES),
    },
    async ({ params, req, reply }) => {
      const actor = requireActor(req);
      const row = await findOwnUpload(ctx, actor, params.id);
      if (!row) throw notFound('Không tìm thấy tệp.');
      const bytes = await ctx.files.get(row.sha256);
      return reply
        .header('content-type', row.mime)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.original_name)}`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
}

export async function storeUpload(ctx: AppContext, actor: Actor, bytes: Buffer, filename: string, mime: string): Promise<UploadInfo> {
  const { sha256, size } = await ctx.files.put(bytes);
  const id = crypto.randomUUID();
  const name = safeFileName(filename);
  const createdAt = systemNow();
  await ctx.db.transaction(async (tx) => {
    await tx.query('INSERT INTO stored_files (sha256, size, mime) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [sha256, size, mime]);
    await tx.query('INSERT INTO uploads (id, owner_kind, owner_id, sha256, original_name, mime, size, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      id,
      actor.kind,
      actor.id,
      sha256,
      name,
      mime,
      size,
      createdAt,
    ]);
  });
  return { id, name, mime, size, sha256, createdAt: createdAt.toISOString() };
}

export async function findOwnUpload(ctx: AppContext, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return (
    await ctx.db.query<{ id: string; sha256: string; mime: string; original_name: string; size: number }>(
      'SELECT id, sha256, mime, original_name, size FROM uploads WHERE id = $1 AND owner_kind = $2 AND owner_id = $3',
      [id, actor.kind, actor.id],
    )
  ).rows[0];
}
