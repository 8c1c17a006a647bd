/** Display formats for Vietnamese users: money in đồng, time limits in plain words, dates dd/mm/yyyy. */
export function formatMoney(amount: number): string {
  return `${Math.round(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

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

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${time} ${formatDate(iso)}`;
}
