/**
 * The population-database stand-in, reached through the same PopulationAdapter interface a client of
 * the national service implements. Every call is logged in population_lookups (who, unit, purpose,
 * dossier, when, whom, found) in the same statement batch as the read.
 */
import type {
  Household,
  HouseholdListing,
  LookupContext,
  PopulationAdapter,
  PopulationAddress,
  PopulationRecord,
  RelativeRef,
} from '../../adapters/population.ts';
import type { Database, Queryable } from '../../db/database.ts';

interface ResidentRow {
  id_number: string;
  old_id_number: string | null;
  family_name: string;
  middle_name: string;
  given_name: string;
  full_name: string;
  birth_date: string | Date;
  sex: 'Nam' | 'Nữ';
  ethnicity: string;
  religion: string;
  nationality: string;
  marital_status: string;
  blood_type: string | null;
  birth_place: PopulationAddress;
  home_town: PopulationAddress;
  permanent_address: PopulationAddress;
  current_address: PopulationAddress;
  father_id: string | null;
  mother_id: string | null;
  spouse_id: string | null;
  household_id: string | null;
  relation_to_head: string | null;
  phone: string | null;
  email: string | null;
}

export function isoDate(d: string | Date): string {
  if (typeof d === 'string') return d.slice(0, 10);
  // DATE columns arrive as local-midnight Date objects from pg and as UTC-midnight from PGlite; both
  // keep the calendar day in their own zone.
  const utcMidnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0;
  const y = utcMidnight ? d.getUTCFullYear() : d.getFullYear();
  const m = utcMidnight ? d.getUTCMonth() : d.getMonth();
  const day = utcMidnight ? d.getUTCDate() : d.getDate();
  return `${y}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export class StandinPopulationAdapter implements PopulationAdapter {
  constructor(private readonly db: Database) {}

  async findByIdNumber(idNumber: string, ctx: LookupContext): Promise<PopulationRecord | null> {
    const row = await this.fetch(this.db, idNumber);
    const record = row ? await this.toRecord(row) : null;
    await this.log(ctx, 'findByIdNumber', idNumber, record !== null);
    return record;
  }

  async householdOf(idNumber: string, ctx: LookupContext): Promise<Household | null> {
    const person = await this.fetch(this.db, idNumber);
    let household: Household | null = null;
    if (person?.household_id) {
      const hh = (
        await this.db.query<{ id: string; household_book_no: string; address: PopulationAddress }>(
          'SELECT id, household_book_no, address FROM standin_households WHERE id = $1',
          [person.household_id],
        )
      ).rows[0];
      if (hh) {
        const members = (
          await this.db.query<ResidentRow>('SELECT * FROM standin_residents WHERE household_id = $1 AND deceased_on IS NULL ORDER BY birth_date', [hh.id])
        ).rows;
        household = {
          soSoHoKhau: hh.household_book_no,
          diaChi: hh.address,
          members: await Promise.all(members.map(async (m) => ({ ...(await this.toRecord(m)), quanHeVoiChuHo: m.relation_to_head ?? '' }))),
        };
      }
    }
    await this.log(ctx, 'householdOf', idNumber, household !== null);
    return household;
  }

  async childrenOf(idNumber: string, ctx: LookupContext): Promise<PopulationRecord[]> {
    const rows = (await this.db.query<ResidentRow>('SELECT * FROM standin_residents WHERE father_id = $1 OR mother_id = $1 ORDER BY birth_date', [idNumber]))
      .rows;
    await this.log(ctx, 'childrenOf', idNumber, rows.length > 0);
    return Promise.all(rows.map((r) => this.toRecord(r)));
  }

  async householdsInCommune(communeCode: string, ctx: LookupContext): Promise<HouseholdListing[]> {
    const { rows } = await this.db.query<{
      household_book_no: string;
      address: PopulationAddress;
      head_id: string | null;
      members: { soDinhDanh: string; hoTen: string; ngaySinh: string; quanHeVoiChuHo: string; soDienThoai: string | null }[] | null;
    }>(
      `SELECT h.household_book_no, h.address, h.head_id,
              (SELECT json_agg(json_build_object('soDinhDanh', r.id_number, 'hoTen', r.full_name, 'ngaySinh', to_char(r.birth_date, 'YYYY-MM-DD'),
                        'quanHeVoiChuHo', COALESCE(r.relation_to_head, ''), 'soDienThoai', r.phone) ORDER BY r.birth_date)
                 FROM standin_residents r WHERE r.household_id = h.id AND r.deceased_on IS NULL) AS members
         FROM standin_households h WHERE h.address->>'maPhuongXa' = $1 ORDER BY h.household_book_no`,
      [communeCode],
    );
    await this.log(ctx, 'householdsInCommune', communeCode, rows.length > 0);
    return rows.map((r) => ({
      soSoHoKhau: r.household_book_no,
      diaChi: r.address,
      chuHo: r.head_id,
      members: (r.members ?? []).map((m) => ({ ...m, soDienThoai: m.soDienThoai ?? undefined })),
    }));
  }

  private async fetch(q: Queryable, idNumber: string): Promise<ResidentRow | undefined> {
    if (!/^\d{12}$/.test(idNumber)) return undefined;
    return (await q.query<ResidentRow>('SELECT * FROM standin_residents WHERE id_number = $1 AND deceased_on IS NULL', [idNumber])).rows[0];
  }

  private async relative(id: string | null): Promise<RelativeRef | undefined> {
    if (!id) return undefined;
    const r = (
      await this.db.query<{ full_name: string; nationality: string }>('SELECT full_name, nationality FROM standin_residents WHERE id_number = $1', [id])
    ).rows[0];
    return r ? { hoVaTen: r.full_name, soDinhDanh: id, quocTich: r.nationality } : undefined;
  }

  private async toRecord(r: ResidentRow): Promise<PopulationRecord> {
    const [cha, me, voChong] = await Promise.all([this.relative(r.father_id), this.relative(r.mother_id), this.relative(r.spouse_id)]);
    let chuHo: PopulationRecord['chuHo'];
    let soSoHoKhau: string | undefined;
    if (r.household_id) {
      const hh = (
        await this.db.query<{ head_id: string | null; household_book_no: string }>('SELECT head_id, household_book_no FROM standin_households WHERE id = $1', [
          r.household_id,
        ])
      ).rows[0];
      soSoHoKhau = hh?.household_book_no;
      const head = hh?.head_id ? await this.relative(hh.head_id) : undefined;
      if (head) chuHo = { ...head, quanHe: r.relation_to_head ?? '' };
    }
    return {
      soDinhDanh: r.id_number,
      soCMND: r.old_id_number ?? undefined,
      hoVaTen: { ho: r.family_name, chuDem: r.middle_name, ten: r.given_name },
      hoTen: r.full_name,
      ngaySinh: isoDate(r.birth_date),
      gioiTinh: r.sex,
      danToc: r.ethnicity,
      tonGiao: r.religion,
      quocTich: r.nationality,
      tinhTrangHonNhan: r.marital_status,
      nhomMau: r.blood_type ?? undefined,
      noiDangKyKhaiSinh: r.birth_place,
      queQuan: r.home_town,
      thuongTru: r.permanent_address,
      noiOHienTai: r.current_address,
      cha,
      me,
      voChong,
      chuHo,
      soSoHoKhau,
      soDienThoai: r.phone ?? undefined,
      email: r.email ?? undefined,
    };
  }

  private async log(ctx: LookupContext, operation: string, subject: string, found: boolean): Promise<void> {
    await this.db.query(
      `INSERT INTO population_lookups (actor_kind, actor_id, actor_unit, purpose, dossier_ref, operation, subject_id_number, found)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [ctx.actorKind, ctx.actorId, ctx.actorUnit ?? null, ctx.purpose, ctx.dossierRef ?? null, operation, subject, found],
    );
  }
}
