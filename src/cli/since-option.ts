/** `--since 90d` (days back from now) or `--since 2026-01-31`; undefined when absent, an Error message when unreadable. */
export function parseSince(value: string | undefined, now = new Date()): Date | undefined | string {
  if (!value) return undefined;
  const days = /^(\d+)d$/.exec(value);
  if (days) return new Date(now.getTime() - Number(days[1]) * 86_400_000);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? `--since "${value}" is neither a number of days (90d) nor a date (2026-01-31)` : date;
}
