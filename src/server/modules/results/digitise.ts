/**
 * A paper compared with its original by an official (NĐ 137/2024 Art 4): the photo or scan gets the conversion mark
 * (converted from paper, when, by whom, which agency) and is signed (PAdES) with the agency's certificate.
 */
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import type { OrgUnit } from '../officials/index.ts';
import { placeName } from './issue.ts';
import { markConvertedFromPaper, type SourceMime } from './render/index.ts';
import { signPdf } from './signing/pades.ts';

/**
 * Loads (or on a development install issues) the unit's certificate before the caller's transaction: on a single
 * connection database the signer's own queries could not run inside it.
 */
export async function prepareConvertedSigning(ctx: Pick<AppContext, 'db' | 'signers'>, unit: Pick<OrgUnit, 'id' | 'name' | 'adminUnitCode'>): Promise<void> {
  const { place, province } = await placeName(ctx.db, unit.adminUnitCode);
  await ctx.signers.forUnit({ id: unit.id, name: unit.name, locality: place, province });
}

/** `ctx.db` may be the caller's transaction. */
export async function markAndSignConverted(
  ctx: { db: Queryable; signers: AppContext['signers'] },
  input: { bytes: Uint8Array; mime: string; unit: Pick<OrgUnit, 'id' | 'name' | 'adminUnitCode'>; officialName: string; at: Date; title: string },
): Promise<{ pdf: Buffer; certificate: string }> {
  const marked = await markConvertedFromPaper(input.bytes, input.mime as SourceMime, {
    convertedAt: input.at,
    officialName: input.officialName,
    agencyName: input.unit.name,
  });
  const { place, province } = await placeName(ctx.db, input.unit.adminUnitCode);
  const { signer, commonName } = await ctx.signers.forUnit({ id: input.unit.id, name: input.unit.name, locality: place, province });
  const pdf = await signPdf(marked, signer, {
    reason: `Chuyển đổi từ văn bản giấy: ${input.title}`,
    location: [place, province].filter(Boolean).join(', '),
    name: commonName,
    signingTime: input.at,
  });
  return { pdf, certificate: commonName };
}
