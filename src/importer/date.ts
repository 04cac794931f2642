/** The calendar date in Italy (YYYY-MM-DD): what an operator in Lombardy calls "today". */
export function italianDate(now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
