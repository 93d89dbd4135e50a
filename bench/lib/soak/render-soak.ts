import { fmt, percentile, table } from '../stats.js';
import type { FlakyCrmStats } from './flaky-crm.js';
import type { Door, SoakLedger } from './ledger.js';

export interface MemorySample {
  atMs: number;
  rss?: number;
  /** Heap in use right after a full GC (the server runs with --expose-gc). */
  heapAfterGc?: number;
}

export interface SoakReport {
  engine: string;
  command: string;
  machine: string;
  startedAt: string;
  durationMs: number;
  drainedAtMs: number;
  windowMs: number;
  visitorsPerMinute: number;
  assignmentTimeoutMs: number;
  lateAllowanceMs: number;
  doomedGoneAtMs?: number;
  loadAverages: { before: number; during: number[]; after: number };
  memory: MemorySample[];
  ledger: SoakLedger;
  summary: ReturnType<SoakLedger['summary']>;
  sdr: { claims: number; conflicts: number; failures: number };
  crm: FlakyCrmStats;
  outboxBacklog: number;
  ipRefusals: number;
  conversations: Record<Door, number>;
  errors: Record<string, number>;
}

const mib = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : fmt(bytes / 2 ** 20, 0));
const minutes = (ms: number) => fmt(ms / 60_000, 1);

/** The soak as a Markdown section: memory and latency per window, then what was lost or late. */
export function renderSoak(report: SoakReport): string {
  const { summary, windowMs } = report;
  const windows = Math.max(1, Math.ceil(report.drainedAtMs / windowMs));
  const rows = Array.from({ length: windows }, (_, index) => {
    const from = index * windowMs;
    // The last window also holds the samples taken after the drain.
    const to = index === windows - 1 ? Number.POSITIVE_INFINITY : from + windowMs;
    const latencies = report.ledger.replyLatencies(from, to);
    const samples = report.memory.filter((sample) => sample.atMs >= from && sample.atMs < to);
    const rss = samples.map((sample) => sample.rss).filter((value): value is number => value !== undefined);
    const heaps = samples.map((sample) => sample.heapAfterGc).filter((value): value is number => value !== undefined);
    return [
      `${minutes(from)}–${minutes(Math.min(to, report.drainedAtMs))}${to > report.durationMs ? ' (incl. drain)' : ''}`,
      String(latencies.length),
      `${fmt(percentile(latencies, 50), 0)} / **${fmt(percentile(latencies, 95), 0)}** / ${fmt(Math.max(...latencies), 0)}`,
      `${mib(rss.at(-1))} (max ${mib(rss.length ? Math.max(...rss) : undefined)})`,
      mib(heaps.at(-1)),
    ];
  });
  const first = report.memory.find((sample) => sample.heapAfterGc !== undefined);
  const last = report.memory.findLast((sample) => sample.heapAfterGc !== undefined);
  const lateness = summary.lateness;
  const loads = report.loadAverages;
  const errors = Object.entries(report.errors);
  const lostList = [
    ...summary.lostVisitor.map((message) => `visitor message (${message.door}) ${message.conversationId} at +${fmt((message.sentAt - Date.parse(report.startedAt)) / 1000, 0)} s`),
    ...summary.lostSdr.map((message) => `SDR message to ${message.conversationId} at +${fmt((message.sentAt - Date.parse(report.startedAt)) / 1000, 0)} s`),
    ...summary.missing.map((watch) => `no-SDR notice never came: ${watch.conversationId} (${watch.door})`),
  ];
  return [
    `### ${report.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'}`,
    '',
    `\`${report.command}\` — started ${report.startedAt}, ${minutes(report.durationMs)} min of arrivals then ${minutes(report.drainedAtMs - report.durationMs)} min for the last visitors to finish. ${report.machine}. Load average (1 min) ${fmt(loads.before, 2)} at the start, ${fmt(Math.min(...loads.during), 2)}–${fmt(Math.max(...loads.during), 2)} during, ${fmt(loads.after, 2)} at the end.`,
    '',
    `${report.visitorsPerMinute} new visitors a minute (half widget, half /api/messages), cycling through the labelled conversations; handoff timeout ${report.assignmentTimeoutMs / 1000} s. Visitors: ${report.conversations.widget} widget, ${report.conversations['bot-framework']} Bot Framework; ${summary.handoffs} handoffs, ${report.sdr.claims} claimed by the SDR (${report.sdr.conflicts} claims came too late: 409), ${summary.noSdrNotices} no-SDR notices received; ${report.ledger.leftAtHandoff} widget visitors closed the chat as soon as they were handed off (owed nothing after). One connector in three for /api/messages vanished at ${report.doomedGoneAtMs === undefined ? 'n/a' : `+${minutes(report.doomedGoneAtMs)} min`} with ${report.ledger.vanished} conversations still open on it.`,
    '',
    table(['window (min)', 'visitor messages', 'turn reply p50 / **p95** / max ms', 'server RSS MiB at end (max)', 'heap after full GC, MiB'], rows),
    '',
    table(
      ['what', 'figure'],
      [
        ['visitor messages sent / **lost** (no reply within 60 s, channel still there)', `${summary.visitorMessages} / **${summary.lostVisitor.length}**`],
        ['visitor messages unanswered because their channel had gone', String(summary.excusedVisitor)],
        ['SDR messages sent / owed to a live channel / **lost**', `${summary.sdrMessages} / ${summary.sdrOwed} / **${summary.lostSdr.length}**`],
        ['no-SDR notices: lateness after the deadline p50 / p95 / max', `${fmt(percentile(lateness, 50) / 1000, 1)} / ${fmt(percentile(lateness, 95) / 1000, 1)} / ${fmt(Math.max(...lateness) / 1000, 1)} s`],
        [`no-SDR notices **more than ${report.lateAllowanceMs / 1000} s late**, or never received by a visitor still there`, `**${summary.late + summary.missing.length}**`],
        ['heap after full GC, first → last sample', `${mib(first?.heapAfterGc)} → ${mib(last?.heapAfterGc)} MiB`],
        ['CRM webhook: attempts / refused (503) / accepted / distinct lead versions', `${report.crm.attempts} / ${report.crm.refused} / ${report.crm.accepted} / ${report.crm.distinctAccepted}`],
        ['outbox backlog at the end (waiting for a retry)', String(report.outboxBacklog)],
        ['per-IP refusals (429) on /api/messages', String(report.ipRefusals)],
      ],
    ),
    ...(errors.length ? ['', `Client-side errors seen: ${errors.map(([kind, count]) => `${kind} × ${count}`).join('; ')}.`] : []),
    ...(lostList.length ? ['', 'Lost or late:', ...lostList.slice(0, 30).map((item) => `- ${item}`)] : []),
  ].join('\n');
}
