/** Which leads the figures cover: started in [from, to), and the optional equalities. */
export interface InsightsFilter {
  from: Date;
  to: Date;
  playbookVersion?: string;
  channel?: string;
  locale?: string;
  utmSource?: string;
}

/** One row of a chart's table: a label and named numbers (null when there is nothing to divide). */
export type InsightsRow = Record<string, string | number | null>;

/** Aggregates over indexed columns, the same SQL (up to dialect) on both engines. */
export interface InsightsRepository {
  funnel(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** Per day (periods up to 62 days) or per month: leads by route, and those with a knockout. */
  routesOverTime(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** Judged handoffs per score band of 10: accepted, rejected, acceptance rate. */
  calibration(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** Judged handoffs per (dimension, level): accepted, rejected, rate. */
  dimensionLevels(filter: InsightsFilter): Promise<InsightsRow[]>;
  rejectionReasons(filter: InsightsFilter): Promise<InsightsRow[]>;
  missingSignals(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** Per dimension: corrections, and judged leads it could have been corrected on. */
  corrections(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** One row per measure: count and average. */
  timings(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** Per playbook version of the period (the version filter ignored): leads, routes, verdicts, acceptance rate, wins. */
  versions(filter: InsightsFilter): Promise<InsightsRow[]>;
  /** The values the filters can take in this period (for the page's selects). */
  filterOptions(period: Pick<InsightsFilter, 'from' | 'to'>): Promise<Record<'playbookVersion' | 'channel' | 'locale' | 'utmSource', string[]>>;
}
