/**
 * The supervisors' dashboard per village / residential group: households covered, adults (15+) using online
 * services, the helpers' activity (visits, assisted dossiers), and the same week by week over a campaign. Figures
 * are computed from the register and the evidence with the pure rules of src/core/community/coverage.ts.
 */
import { areaFigures, campaignWeeks } from '../../../core/community/coverage.ts';
import { localDayRange, startOfLocalDay } from '../../../core/time/local.ts';
import type { Queryable } from '../../db/database.ts';
import { vnToday } from '../dossiers/index.ts';
import { householdsOf } from './register.ts';

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** The last instant of a local (Asia/Ho_Chi_Minh, UTC+7) day. */
const endOfDay = (day: string) => new Date(localDayRange(day, day).end.getTime() - 1).toISOString();
const startOfDay = (day: string) => startOfLocalDay(day).toISOString();

export async function dashboard(db: Queryable, fromDay?: string, toDay?: string) {
  const to = toDay ?? vnToday();
  const from = fromDay ?? addDays(to, -55);
  const weeks = campaignWeeks(from, to);
  const areas = (await db.query<{ id: string; name: string }>('SELECT id, name FROM community_areas ORDER BY name')).rows;
  const households = await householdsOf(
    db,
    areas.map((a) => a.id),
  );
  const visits = (
    await db.query<{ area_id: string; visited_at: Date; helper: string }>(
      `SELECT h.area_id, v.visited_at, o.full_name AS helper FROM community_visits v
         JOIN community_households h ON h.household_no = v.household_no JOIN officials o ON o.id = v.official_id
        WHERE v.visited_at >= $1 AND v.visited_at <= $2`,
      [startOfDay(weeks[0]?.start ?? from), endOfDay(to)],
    )
  ).rows;
  // An assisted dossier counts for the area of the resident's household.
  const assisted = (
    await db.query<{ area_id: string; at: Date; helper: string }>(
      `SELECT h.area_id, a.at, o.full_name AS helper FROM community_assisted_dossiers a
         JOIN dossiers d ON d.id = a.dossier_id
         JOIN community_household_members m ON m.id_number = d.applicant_id_number
         JOIN community_households h ON h.household_no = m.household_no
         JOIN officials o ON o.id = a.official_id
        WHERE a.at >= $1 AND a.at <= $2`,
      [startOfDay(weeks[0]?.start ?? from), endOfDay(to)],
    )
  ).rows;
  const inRange = (at: Date, a: string, b: string) => {
    const t = new Date(at).toISOString();
    return t >= startOfDay(a) && t <= endOfDay(b);
  };
  return {
    from,
    to,
    areas: areas.map((area) => {
      const mine = households.filter((h) => h.areaId === area.id).map((h) => h.members);
      const now = areaFigures(mine, to, endOfDay(to));
      const v = visits.filter((x) => x.area_id === area.id);
      const d = assisted.filter((x) => x.area_id === area.id);
      const helperNames = [...new Set([...v, ...d].map((x) => x.helper))].sort((a, b) => a.localeCompare(b, 'vi'));
      return {
        id: area.id,
        name: area.name,
        ...now,
        visits: v.filter((x) => inRange(x.visited_at, from, to)).length,
        assistedDossiers: d.filter((x) => inRange(x.at, from, to)).length,
        helpers: helperNames.map((name) => ({
          name,
          visits: v.filter((x) => x.helper === name && inRange(x.visited_at, from, to)).length,
          assistedDossiers: d.filter((x) => x.helper === name && inRange(x.at, from, to)).length,
        })),
        weeks: weeks.map((w) => {
          const f = areaFigures(mine, w.end, endOfDay(w.end));
          return {
            weekStart: w.start,
            coveredHouseholds: f.coveredHouseholds,
            adultsOnline: f.adultsOnline,
            visits: v.filter((x) => inRange(x.visited_at, w.start, w.end)).length,
            assistedDossiers: d.filter((x) => inRange(x.at, w.start, w.end)).length,
          };
        }),
      };
    }),
  };
}
