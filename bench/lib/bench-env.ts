/**
 * Abuse limits switched off (0) for load from one loopback address: every bench visitor shares
 * 127.0.0.1 and the throughput load reuses visitor ids, which production limits would rightly refuse.
 * The widget's per-socket message limit (WIDGET_MESSAGES_PER_MINUTE) is left at its default and respected.
 */
export const BENCH_LIMITS_ENV: Record<string, string> = {
  RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0',
  RATE_LIMIT_MESSAGES_PER_MINUTE: '0',
  RATE_LIMIT_CONVERSATIONS_PER_HOUR: '0',
};
