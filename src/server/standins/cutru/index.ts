/** The residence registry's stand-in (Công an, cư trú): receives residence registrations handed over by liên thông. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { agencyUrls } from '../../modules/lienthong/index.ts';
import { registerAgencyStandin } from '../agency/receiver.ts';

export default async function registerCutruStandin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (agencyUrls(ctx.config.publicUrl).cutru !== `${ctx.config.publicUrl}/standins/cutru`) return;
  registerAgencyStandin(app, ctx, {
    agency: 'cutru',
    title: 'Công an – Cơ sở dữ liệu về cư trú',
    check: (req) => (typeof req.duLieu.hoTen === 'string' && req.duLieu.hoTen.trim() ? null : 'Thiếu họ tên người đăng ký cư trú.'),
    result: (_req, n) => ({ so: `CT-${String(n).padStart(6, '0')}`, tenGiayTo: 'Thông báo kết quả giải quyết thủ tục về cư trú' }),
  });
}
