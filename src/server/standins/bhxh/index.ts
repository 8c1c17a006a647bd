/** Social insurance's stand-in (Bảo hiểm xã hội): health-insurance cards for children under 6, survivor benefits. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { agencyUrls } from '../../modules/lienthong/index.ts';
import { registerAgencyStandin } from '../agency/receiver.ts';

export default async function registerBhxhStandin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (agencyUrls(ctx.config.publicUrl).bhxh !== `${ctx.config.publicUrl}/standins/bhxh`) return;
  registerAgencyStandin(app, ctx, {
    agency: 'bhxh',
    title: 'Bảo hiểm xã hội Việt Nam',
    // The card is issued from the birth registration: without the birth extract's number the agency refuses.
    check: (req) => (req.maThuTuc === 'BHXH.BHYT.TE6' && !req.duLieu.soTrichLucKhaiSinh ? 'Thiếu số trích lục khai sinh của trẻ.' : null),
    result: (req, n) =>
      req.maThuTuc === 'BHXH.BHYT.TE6'
        ? { so: `TE1${String(75_000_000 + n).padStart(12, '0')}`, tenGiayTo: 'Thẻ bảo hiểm y tế (trẻ em dưới 6 tuổi)' }
        : { so: `TT-${String(n).padStart(6, '0')}`, tenGiayTo: 'Quyết định hưởng chế độ tử tuất' },
  });
}
