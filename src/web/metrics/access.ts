/** Who sees the metrics pages in the menu (the server checks every request again and limits the units). */
export const METRICS_ROLES = ['leader', 'supervisor', 'unit_admin', 'system_admin'];
/** Who edits plan targets and campaigns. */
export const MANAGE_ROLES = ['system_admin', 'unit_admin'];
/** Who records a citizen's rating on the counter tablet. */
export const COUNTER_RATING_ROLES = ['reception'];
