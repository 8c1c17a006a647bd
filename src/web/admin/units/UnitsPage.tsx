/**
 * Đơn vị (/can-bo/quan-tri/don-vi): the organisation tree within the administrator's reach, closed units included
 * on request; administrators add units, supervisors only read.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useStaff } from '../../staff/StaffSession.tsx';
import { PAGE_ROLES, UNIT_WRITERS } from '../access.ts';
import type { OrgUnit } from '../types.ts';
import { AdminPage, formatDay, Loading, QueryError } from '../ui.tsx';
import { adminQueries } from '../queries.ts';

export function UnitsPage() {
  const { t } = useTranslation();
  return (
    <AdminPage title={t('admin.units.title')} roles={PAGE_ROLES.units} lead={t('admin.units.lead')}>
      <UnitTree />
    </AdminPage>
  );
}

interface Node {
  unit: OrgUnit;
  children: Node[];
}

/** Units whose parent is not in the list (outside the reach, or none) are roots. */
export function buildTree(units: OrgUnit[]): Node[] {
  const byId = new Map(units.map((u) => [u.id, { unit: u, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const node of byId.values()) {
    const parent = node.unit.parentId ? byId.get(node.unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: Node[]) => {
    nodes.sort((a, b) => a.unit.adminUnitCode.localeCompare(b.unit.adminUnitCode) || a.unit.name.localeCompare(b.unit.name, 'vi'));
    nodes.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

function UnitTree() {
  const { t } = useTranslation();
  const { hasRole } = useStaff();
  const [showClosed, setShowClosed] = useState(false);
  const { data, error } = useQuery(adminQueries.units('all'));
  if (error) return <QueryError error={error} />;
  if (!data) return <Loading />;
  const units = showClosed ? data.items : data.items.filter((u) => u.status === 'open');
  const closed = data.items.filter((u) => u.status === 'closed').length;
  return (
    <>
      {hasRole(...UNIT_WRITERS) && (
        <p>
          <Link className="button" to="them">
            {t('admin.units.add')}
          </Link>
        </p>
      )}
      <div className="admin-check">
        <input id="f-showClosed" type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} />
        <label htmlFor="f-showClosed">{t('admin.units.showClosed', { count: closed })}</label>
      </div>
      <p role="status">{t('admin.units.count', { count: units.length })}</p>
      <h2 id="tree-heading">{t('admin.units.tree')}</h2>
      <TreeList nodes={buildTree(units)} labelledBy="tree-heading" />
    </>
  );
}

function TreeList({ nodes, labelledBy }: { nodes: Node[]; labelledBy?: string }) {
  const { t } = useTranslation();
  return (
    <ul className="admin-tree" aria-labelledby={labelledBy}>
      {nodes.map((n) => (
        <li key={n.unit.id}>
          <Link to={`/can-bo/quan-tri/don-vi/${encodeURIComponent(n.unit.id)}`}>{n.unit.name}</Link>{' '}
          <span className="admin-tree-meta">
            {n.unit.id} · {n.unit.kind}
          </span>
          {n.unit.status === 'closed' && (
            <span className="badge admin-badge-closed">{t('admin.units.closedSince', { date: formatDay(n.unit.effectiveTo) })}</span>
          )}
          {n.children.length > 0 && <TreeList nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}
