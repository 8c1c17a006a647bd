/** Money as Vietnamese documents write it: 8.000 đồng. */
export function formatMoneyVnd(amount: number): string {
  return `${Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}
