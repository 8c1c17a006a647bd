/**
 * Citizens for load tests and benches: a session written straight into the database (no e-ID round trip) and a
 * complete birth-registration draft (the demo mother's prefill, a birth-certificate upload), ready to submit over HTTP.
 * Used by bench/submit, bench/notifications and the multi-server test.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../src/server/context.ts';
import type { Queryable } from '../src/server/db/database.ts';
import type { CitizenActor } from '../src/server/http/actor.ts';
import { mintCsrfToken } from '../src/server/http/session.ts';
import { storeUpload } from '../src/server/modules/documents/routes.ts';
import { updateDraft } from '../src/server/modules/dossiers/drafts.ts';
import { startDraft } from '../src/server/modules/dossiers/submission-checks.ts';
import { systemNow } from '../src/server/clock.ts';
import { DEMO_MOTHER_ID } from '../src/server/standins/population/demo-residents.ts';

export interface LoadClient {
  /** The Cookie header: session and CSRF cookies. */
  cookie: string;
  /** The x-csrf-token header. */
  csrf: string;
}

/** A new citizen (the demo mother's identity) with a session of `hours`, signed with the server's cookie secret. */
export async function signedInCitizen(db: Queryable, cookieSecret: string, hours = 8): Promise<{ citizen: CitizenActor; client: LoadClient }> {
  const citizen: CitizenActor = {
    kind: 'citizen',
    id: crypto.randomUUID(),
    idNumber: DEMO_MOTHER_ID,
    fullName: 'Trần Thị Mai',
    loginAt: systemNow().toISOString(),
  };
  const sid = crypto.randomBytes(32).toString('base64url');
  await db.query("INSERT INTO sessions (id_hash, kind, subject, expires_at) VALUES ($1, 'citizen', $2, now() + make_interval(hours => $3::integer))", [
    crypto.createHash('sha256').update(sid).digest('hex'),
    { citizenId: citizen.id, idNumber: citizen.idNumber, fullName: citizen.fullName, loginAt: citizen.loginAt },
    hours,
  ]);
  const csrf = mintCsrfToken(cookieSecret, sid);
  return { citizen, client: { cookie: `motcua_sid=${sid}; motcua_csrf=${csrf}`, csrf } };
}

/** A complete, on-time birth registration draft (1.001193) of `citizen`, with `pdf` as the birth certificate. */
export async function completeBirthDraft(ctx: AppContext, citizen: CitizenActor, pdf: Buffer): Promise<{ draftId: string; uploadId: string }> {
  const draft = await startDraft(ctx, citizen, '1.001193', 'dung-han');
  const upload = await storeUpload(ctx, citizen, pdf, 'giay-chung-sinh.pdf', 'application/pdf');
  await updateDraft(
    ctx.db,
    citizen,
    draft.id,
    {
      revision: draft.revision,
      values: { ...draft.form_values, noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: 'me' },
      documents: [{ requirementCode: 'GCS', uploadId: upload.id }],
    },
    30,
  );
  return { draftId: draft.id, uploadId: upload.id };
}

/** Copies each template draft until every owner has `perOwner` open drafts; answers every open draft with its owner. */
export async function cloneDrafts(db: Queryable, templateIds: string[], perOwner: number): Promise<{ id: string; owner_citizen_id: string }[]> {
  await db.query(
    `INSERT INTO drafts (id, owner_citizen_id, procedure_code, procedure_version, case_code, form_values, prefill, documents, meta, expires_at)
     SELECT gen_random_uuid(), d.owner_citizen_id, d.procedure_code, d.procedure_version, d.case_code, d.form_values, d.prefill, d.documents, d.meta, d.expires_at
       FROM drafts d, generate_series(2, $1) WHERE d.id = ANY($2::uuid[])`,
    [perOwner, templateIds],
  );
  return (await db.query<{ id: string; owner_citizen_id: string }>("SELECT id, owner_citizen_id FROM drafts WHERE status = 'open' ORDER BY id")).rows;
}
