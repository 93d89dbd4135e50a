import type { WhatIfReport } from './whatif.js';

/** The what-if report as text for a terminal. */
export function formatWhatIfReport(report: WhatIfReport): string {
  const lines = [`What if ${report.candidate} had scored the leads of ${report.baseline}:`, `  method: ${report.method}`];
  lines.push(report.changes.length ? `  changes: ${report.changes.join('; ')}` : '  changes: none');
  lines.push(`  ${report.leads} lead(s) read, ${report.replayed} replayed`);
  const apart = report.apart;
  if (apart.cannotReplayFaithfully) lines.push(`  ${apart.cannotReplayFaithfully} cannot be replayed faithfully (the candidate asks something these visitors were never asked): not counted`);
  if (apart.noTranscript) lines.push(`  ${apart.noTranscript} without stored visitor messages to re-read: not counted`);
  if (apart.notReproducible) lines.push(`  ${apart.notReproducible} whose stored facts do not give back their stored decision (e.g. a disputed knockout): not counted`);
  if (apart.undecided) lines.push(`  ${apart.undecided} without a decision: not counted`);
  for (const [playbook, count] of Object.entries(apart.otherPlaybook)) lines.push(`  ${count} scored with ${playbook}, not ${report.baseline}: not counted`);
  if (apart.noPlaybookRecorded) lines.push(`  ${apart.noPlaybookRecorded} without a recorded playbook id and version: not counted`);

  const labels = [...new Set(Object.entries(report.matrix).flatMap(([from, row]) => [from, ...Object.keys(row)]))].sort();
  if (labels.length) {
    const width = Math.max(18, ...labels.map((label) => label.length + 2));
    lines.push('', 'Routes (rows: before, columns: after)', `${'before \\ after'.padEnd(width)}${labels.map((label) => label.padStart(width)).join('')}`);
    for (const from of labels) {
      if (!report.matrix[from]) continue;
      lines.push(`${from.padEnd(width)}${labels.map((to) => String(report.matrix[from]![to] ?? 0).padStart(width)).join('')}`);
    }
  }
  lines.push('', report.flipped.length ? `${report.flipped.length} lead(s) change route:` : 'No lead changes route.');
  for (const summary of report.flipSummary) lines.push(`  ${summary}`);
  for (const lead of report.flipped.slice(0, 50)) {
    const judged = [lead.verdict ? `SDR ${lead.verdict}` : '', lead.crmOutcomes.length ? `CRM ${lead.crmOutcomes.join(', ')}` : ''].filter(Boolean).join('; ');
    lines.push(`  ${lead.leadId}  ${lead.before} (${lead.scoreBefore}) → ${lead.after} (${lead.scoreAfter})${judged ? `  [${judged}]` : ''}`);
  }
  if (report.flipped.length > 50) lines.push(`  … and ${report.flipped.length - 50} more (--json lists them all)`);
  lines.push('', 'Score shift per dimension (mean points before → after, leads changed)');
  for (const shift of report.scoreShift) lines.push(`  ${shift.dimension.padEnd(18)} ${shift.meanBefore} → ${shift.meanAfter}  (${shift.changed})`);
  return lines.join('\n');
}
