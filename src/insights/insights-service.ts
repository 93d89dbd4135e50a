import type { Playbook } from '../playbook/schema.js';
import type { InsightsFilter, InsightsRepository, InsightsRow } from '../storage/ports/insights.js';

/** The charts of the insights page, in page order; each is also `GET /api/insights/<id>`. */
export const CHART_IDS = ['funnel', 'routes', 'calibration', 'dimensions', 'rejections', 'missing-signals', 'corrections', 'timings', 'versions'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export interface Chart {
  id: ChartId;
  rows: InsightsRow[];
  /** Headline figures (the funnel's conversion rates). */
  summary?: Record<string, number | null>;
}

/** The insights as the API and the page read them: repository rows, plus conversion rates and the playbook's names. */
export class InsightsService {
  constructor(
    private readonly repository: InsightsRepository,
    private readonly playbook: Playbook,
  ) {}

  async chart(id: ChartId, filter: InsightsFilter): Promise<Chart> {
    const r = this.repository;
    switch (id) {
      case 'funnel': {
        const rows = await r.funnel(filter);
        const count = (stage: string) => Number(rows.find((row) => row.stage === stage)?.count ?? 0);
        const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
        return { id, rows, summary: { mqlToSql: rate(count('sql'), count('handoff')), sqlToWon: rate(count('won'), count('sql')) } };
      }
      case 'routes':
        return { id, rows: await r.routesOverTime(filter) };
      case 'calibration':
        return { id, rows: await r.calibration(filter) };
      case 'dimensions':
        return { id, rows: await r.dimensionLevels(filter) };
      case 'rejections':
        return { id, rows: await r.rejectionReasons(filter) };
      case 'missing-signals':
        return { id, rows: await r.missingSignals(filter) };
      case 'corrections':
        return { id, rows: await r.corrections(filter) };
      case 'timings':
        return { id, rows: await r.timings(filter) };
      case 'versions':
        return { id, rows: await r.versions(filter) };
    }
  }

  /** Every chart at once (what the page loads), with the filter it covers. */
  async all(filter: InsightsFilter): Promise<{ filter: Record<string, string>; charts: Chart[] }> {
    const charts: Chart[] = [];
    // One after the other: a SQLite connection runs one query at a time anyway, and PostgreSQL's pool is shared with visitors.
    for (const id of CHART_IDS) charts.push(await this.chart(id, filter));
    return { filter: describeFilter(filter), charts };
  }

  /** Names the page shows: rejection reasons (FR/EN) and the playbook's dimensions with their levels. */
  labels(): { rejectionReasons: Record<string, { fr: string; en: string }>; dimensions: Record<string, { description: string; levels: Record<string, string> }> } {
    return {
      rejectionReasons: Object.fromEntries(this.playbook.rejectionReasons.map((reason) => [reason.id, reason.label])),
      dimensions: Object.fromEntries(
        this.playbook.dimensions.map((dimension) => [dimension.id, { description: dimension.description, levels: Object.fromEntries(dimension.levels.map((level) => [level.id, level.description])) }]),
      ),
    };
  }
}

function describeFilter(filter: InsightsFilter): Record<string, string> {
  const { from, to, ...equal } = filter;
  return { from: from.toISOString(), to: to.toISOString(), ...(equal as Record<string, string>) };
}
