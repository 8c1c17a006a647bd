/**
 * Recognition over HTTP: POST /api/recognitions {uploadId, type?} answers 202 at once with a pending request; the
 * background job fills it; GET /api/recognitions/:id returns it (poll until status is done or failed). Only the
 * owner of the upload (the citizen or official who sent it) can request or read it.
 */
import type { FastifyInstance } from 'fastify';
import { json } from '../../../contract/http.ts';
import { RecognitionParams, RecognitionRequest, RecognitionView } from '../../../contract/recognition.ts';
import type { AppContext } from '../../context.ts';
import { requireActor } from '../../http/actor.ts';
import { defineRoute } from '../../http/route.ts';
import { findRecognition, requestRecognition } from './service.ts';

export async function recognitionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/recognitions',
      summary: 'Nhận dạng một tệp đã gửi lên (mã QR thẻ căn cước, OCR giấy tờ); trả lời ngay, kết quả có sau khi xử lý nền',
      tags: ['recognition'],
      body: RecognitionRequest,
      rateLimit: { max: 30, timeWindow: '1 minute' },
      response: json(RecognitionView, [202]),
    },
    async ({ body, req, reply }) => {
      const actor = requireActor(req);
      const r = await requestRecognition(ctx, actor, body);
      reply.status(202);
      return r;
    },
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/recognitions/:id',
      summary: 'Kết quả nhận dạng (chỉ người gửi tệp)',
      tags: ['recognition'],
      params: RecognitionParams,
      response: RecognitionView,
    },
    async ({ params, req }) => findRecognition(ctx, requireActor(req), params.id),
  );
}
