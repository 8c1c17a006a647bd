/**
 * Query keys, one family per resource. A key starts with its area and resource, so that invalidating a prefix
 * (`keys.staff.inbox()`) refreshes every page of that resource (all inbox tabs and searches) and nothing else.
 * Parameters go last, as a plain object (TanStack Query compares keys structurally).
 */
type Params = Record<string, string | number | boolean | null | undefined>;

/** The defined, non-empty parameters (so `{ q: '' }` and `{}` are one key and one request). */
export function cleanParams(params: Params = {}): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

/** A query string from the defined, non-empty values ("a=1&b=x"). */
export function qs(params: Params = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(cleanParams(params))) p.set(k, String(v));
  return p.toString();
}

export const keys = {
  /** GET /api/session: who is logged in on the portal. */
  session: ['session'] as const,

  catalogue: {
    all: ['catalogue'] as const,
    /** GET /api/procedure-fields */
    fields: ['catalogue', 'fields'] as const,
    /** GET /api/procedures?… */
    search: (params: Params) => ['catalogue', 'search', cleanParams(params)] as const,
    /** GET /api/procedures/:code */
    procedure: (code: string, lang: 'vi' | 'en' = 'vi') => ['catalogue', 'procedure', code, lang] as const,
  },

  reference: {
    /** GET /api/admin-units?level=province | ?parent=:province */
    adminUnits: (parent: string | null) => ['reference', 'admin-units', parent ?? 'provinces'] as const,
    /** GET /api/org-units?… */
    orgUnits: (params: Params = {}) => ['reference', 'org-units', cleanParams(params)] as const,
    /** GET /api/installation */
    installation: ['reference', 'installation'] as const,
    /** GET /api/calendar?year= (public calendar with lunar dates) */
    calendar: (year: number) => ['reference', 'calendar', year] as const,
  },

  citizen: {
    all: ['citizen'] as const,
    /** GET /api/drafts */
    drafts: () => ['citizen', 'drafts'] as const,
    /** GET /api/drafts/:id */
    draft: (id: string) => ['citizen', 'drafts', id] as const,
    /** GET /api/drafts/:id/duplicates */
    draftDuplicates: (id: string) => ['citizen', 'drafts', id, 'duplicates'] as const,
    /** GET /api/my/dossiers */
    dossiers: () => ['citizen', 'dossiers'] as const,
    /** GET /api/my/dossiers/:id */
    dossier: (id: string) => ['citizen', 'dossiers', id] as const,
    /** GET /api/my/dossiers/:id/rating */
    rating: (dossierId: string) => ['citizen', 'dossiers', dossierId, 'rating'] as const,
    /** GET /api/my/store */
    store: ['citizen', 'store'] as const,
  },

  payments: {
    /** GET /api/dossiers/:id/payment (the citizen's and the official's view of one dossier's fees). */
    dossier: (dossierId: string) => ['payments', 'dossier', dossierId] as const,
    /** GET /api/payments/:id */
    intent: (intentId: string) => ['payments', 'intent', intentId] as const,
  },

  /** A QR code image (data URL) made in the browser from a text: computed once per text. */
  qr: (text: string) => ['local', 'qr', text] as const,

  public: {
    /** GET /api/public/dossiers/lookup?code=&last4= */
    lookup: (code: string, last4: string) => ['public', 'lookup', code, last4] as const,
    /** GET /api/public/results/:id */
    result: (id: string) => ['public', 'result', id] as const,
    /** GET /api/public/metrics/:resource?… (monthly, screen) */
    metrics: (resource: string, params: Params) => ['public', 'metrics', resource, cleanParams(params)] as const,
  },

  staff: {
    all: ['staff'] as const,
    /** GET /api/staff/me */
    me: ['staff', 'me'] as const,
    /** GET /api/staff/inbox?… (no argument: every tab and page) */
    inbox: (params?: Params) => (params ? (['staff', 'inbox', cleanParams(params)] as const) : (['staff', 'inbox'] as const)),
    /** GET /api/staff/reception/queue */
    queue: () => ['staff', 'queue'] as const,
    /** GET /api/staff/dossiers/:id */
    dossier: (id: string) => ['staff', 'dossier', id] as const,
    /** POST /api/staff/intake/store: the store of the citizen at the counter (a read, opened by the identity check's token). */
    citizenStore: (idNumber: string) => ['staff', 'citizen-store', idNumber] as const,
    /** GET /api/staff/dossiers?… */
    search: (params?: Params) => (params ? (['staff', 'search', cleanParams(params)] as const) : (['staff', 'search'] as const)),
  },

  admin: {
    all: ['admin'] as const,
    /** GET /api/admin/:resource?… — units, officials, changes, calendar, working-time, procedures/:code/versions … */
    resource: (resource: string, params?: Params) => (params ? (['admin', resource, cleanParams(params)] as const) : (['admin', resource] as const)),
  },

  metrics: {
    all: ['metrics'] as const,
    /** GET /api/metrics/:resource?… — units, index766, breakdown, targets, drill, campaigns, campaigns/:id */
    resource: (resource: string, params?: Params) => (params ? (['metrics', resource, cleanParams(params)] as const) : (['metrics', resource] as const)),
  },
};
