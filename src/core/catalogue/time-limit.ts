/** A procedure's time limit in plain words (Vietnamese first), as the catalogue pages and the receipt print it. */
export function formatTimeLimit(t: { amount: number; unit: string; sameDayRule?: boolean }, lang: 'vi' | 'en' = 'vi'): string {
  if (t.amount === 0 && t.unit === 'working_days') return lang === 'vi' ? 'Trong ngày' : 'Same day';
  const units: Record<string, [string, string]> = {
    working_days: ['ngày làm việc', 'working days'],
    working_hours: ['giờ làm việc', 'working hours'],
    calendar_days: ['ngày', 'days'],
    months: ['tháng', 'months'],
  };
  const [vi, en] = units[t.unit] ?? [t.unit, t.unit];
  return lang === 'vi' ? `${t.amount} ${vi}` : `${t.amount} ${t.amount === 1 ? en.replace(/s$/, '') : en}`;
}
