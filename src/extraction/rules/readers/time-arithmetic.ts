/** Calendar arithmetic for timelines: months from `now` to a date, on a 30-day month, one decimal. */

export function monthsUntil(now: Date, year: number, month: number, day = 1): number {
  const months = (year - now.getFullYear()) * 12 + (month - (now.getMonth() + 1)) + (day - now.getDate()) / 30;
  return Math.round(months * 10) / 10;
}

/** Months to the next time it is this month (1–12) of the year; this month counts as now. */
export function monthsUntilNext(now: Date, month: number, day = 1): number {
  const current = now.getMonth() + 1;
  const year = month >= current ? now.getFullYear() : now.getFullYear() + 1;
  return Math.max(0.25, monthsUntil(now, year, month, month === current ? Math.max(day, now.getDate()) : day));
}

export function monthsUntilQuarterEnd(now: Date): number {
  const lastMonth = Math.ceil((now.getMonth() + 1) / 3) * 3;
  return Math.max(0.5, monthsUntil(now, now.getFullYear(), lastMonth, 28));
}

export function monthsUntilYearEnd(now: Date): number {
  return Math.max(0.5, monthsUntil(now, now.getFullYear(), 12, 28));
}

/**
 * "Next year": a year away when no part is said, later parts further out. "Early next year" is mid-January
 * of next year, counted from `now`: ~1.5 months away in late November, ~11 in February (no floor: in the
 * autumn early next year is close).
 */
export function monthsUntilNextYear(now: Date, part: 'early' | 'any' | 'late'): number {
  if (part === 'late') return Math.max(13, monthsUntil(now, now.getFullYear() + 1, 10, 1));
  if (part === 'any') return 12;
  return Math.max(0.5, monthsUntil(now, now.getFullYear() + 1, 1, 15));
}

/** A bare next year ("en 2027", "in 2027"): any time in it, so never closer than 7 months (past the 3–6 month band). */
export function monthsUntilBareNextYear(now: Date): number {
  return Math.max(7, monthsUntil(now, now.getFullYear() + 1, 1, 15));
}
