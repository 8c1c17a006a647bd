/** Change-log entries (admin_changes) in words: what, who, when, why, and the before/after field by field. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../format.ts';
import { diffValues } from './diff.ts';
import { DiffTable } from './DiffTable.tsx';
import type { ChangeEntry } from './types.ts';
import { formatDay } from './ui.tsx';

/** The page of the changed thing, when there is one. */
export function entityLink(e: ChangeEntry): string | null {
  switch (e.entityKind) {
    case 'org_unit':
      return `/can-bo/quan-tri/don-vi/${encodeURIComponent(e.entityId)}`;
    case 'official':
    case 'membership':
      return `/can-bo/quan-tri/can-bo/${encodeURIComponent(e.entityId)}`;
    case 'procedure':
      return `/can-bo/quan-tri/thu-tuc/${encodeURIComponent(e.entityId)}`;
    case 'calendar_day':
      return `/can-bo/quan-tri/lich?nam=${e.entityId.slice(0, 4)}`;
    case 'working_time':
      return '/can-bo/quan-tri/lich#gio-lam-viec';
    default:
      return null;
  }
}

/** A readable name of the changed thing: the username of an account, the day of a calendar entry, the code otherwise. */
function entityName(e: ChangeEntry): string {
  const pick = (v: unknown, k: string) => (v && typeof v === 'object' && k in v ? String((v as Record<string, unknown>)[k]) : undefined);
  if (e.entityKind === 'official' || e.entityKind === 'membership') return pick(e.after, 'username') ?? pick(e.before, 'username') ?? e.entityId;
  if (e.entityKind === 'calendar_day') return formatDay(e.entityId);
  if (e.entityKind === 'org_unit') {
    const name = pick(e.after, 'name') ?? pick(e.before, 'name');
    return name ? `${name} (${e.entityId})` : e.entityId;
  }
  if (e.entityKind === 'working_time') return '';
  return e.entityId;
}

export function ChangeList({ entries, headingLevel = 3 }: { entries: ChangeEntry[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  if (entries.length === 0) return <p className="muted">{t('admin.changes.none')}</p>;
  return (
    <ul className="admin-changes">
      {entries.map((e) => {
        const link = entityLink(e);
        const name = entityName(e);
        const title = `${t(`admin.entity.${e.entityKind}`)}${name ? ` ${name}` : ''}: ${t(`admin.action.${e.action}`, { defaultValue: e.action })}`;
        return (
          <li key={e.id} className="admin-change" data-testid={`change-${e.id}`}>
            <article aria-labelledby={`change-${e.id}-title`}>
              <H id={`change-${e.id}-title`} className="admin-change-title">
                {title}
              </H>
              <p className="admin-change-meta">
                {t('admin.changes.meta', { id: e.id, actor: e.actorUsername === 'cli' ? t('admin.changes.cli') : e.actorUsername })}{' '}
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                {link && (
                  <>
                    {' '}
                    ·{' '}
                    <Link to={link}>
                      {t('admin.changes.open')}
                      <span className="visually-hidden"> {title}</span>
                    </Link>
                  </>
                )}
              </p>
              {e.reason && (
                <p className="admin-change-reason">
                  <strong>{t('admin.changes.reason')}:</strong> {e.reason}
                </p>
              )}
              <DiffTable
                rows={diffValues(e.before, e.after, t, e.entityKind === 'procedure' ? { active: t('admin.field.activeVersion') } : {})}
                caption={t('admin.changes.diffCaption', { title })}
              />
            </article>
          </li>
        );
      })}
    </ul>
  );
}
