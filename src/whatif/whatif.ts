import type { Playbook } from '../playbook/schema.js';
import type { Decision } from '../qualification/types.js';
import { routeLabel } from '../replay/labelled-case.js';
import { decide } from '../scoring/scorer.js';
import type { CrmOutcomeRecord, LeadRecord, VerdictRecord } from '../storage/index.js';
import { diffPlaybooks, type PlaybookDiff } from './playbook-diff.js';
import { storedScoringInput } from './stored-scoring-input.js';

/** What a lead's conversation gives on re-reading: the candidate's decision, or why there is none. */
export type Reextract = (lead: LeadRecord) => Promise<Decision | 'undecided' | 'no-transcript'>;

export interface WhatIfInput {
  /** The playbook the leads were scored with (the running one); leads recorded with another id@version are counted apart. */
  baseline: Playbook;
  candidate: Playbook;
  leads: readonly LeadRecord[];
  /** Verdict and CRM outcomes per lead id, where sales judged it. */
  feedback: ReadonlyMap<string, { verdict: VerdictRecord; outcomes: CrmOutcomeRecord[] }>;
  /** Re-reads the visitor's own messages with the candidate (needed only when the diff is `re-extract`). */
  reextract?: Reextract;
  onProgress?: (done: number, total: number) => void;
}

export interface FlippedLead {
  leadId: string;
  before: string;
  after: string;
  scoreBefore: number;
  scoreAfter: number;
  verdict?: string;
  crmOutcomes: string[];
}

export interface WhatIfReport {
  candidate: string;
  baseline: string;
  mode: PlaybookDiff['mode'];
  /** How the leads were run: re-scored from stored facts, or re-extracted from the visitor's messages. */
  method: 'rescored stored facts (exact, no re-extraction)' | 're-extracted visitor messages with the rules extractor' | 'nothing to replay';
  changes: string[];
  leads: number;
  replayed: number;
  apart: {
    undecided: number;
    /** Per `id@version`: leads scored with a playbook other than the baseline. */
    otherPlaybook: Record<string, number>;
    /** Leads without playbook id or version recorded. */
    noPlaybookRecorded: number;
    /** The candidate asks a dimension (new or reworded question) these visitors never answered. */
    cannotReplayFaithfully: number;
    /** Re-extraction needs the visitor's messages; these leads have none stored (erased, or never kept). */
    noTranscript: number;
    /** Stored facts the baseline does not score to the stored decision (disputed knockouts, older scorer). */
    notReproducible: number;
  };
  /** before → after → count, over the replayed leads. */
  matrix: Record<string, Record<string, number>>;
  flipped: FlippedLead[];
  /** "3 SDR-accepted leads would now be nurture". */
  flipSummary: string[];
  /** Per dimension: mean points before and after, and how many leads' points changed. */
  scoreShift: { dimension: string; meanBefore: number; meanAfter: number; changed: number }[];
}

export async function whatIf(input: WhatIfInput): Promise<WhatIfReport> {
  const { baseline, candidate, leads, feedback } = input;
  const diff = diffPlaybooks(baseline, candidate);
  const baselineKey = `${baseline.id}@${baseline.version}`;
  const report: WhatIfReport = {
    candidate: `${candidate.id}@${candidate.version}`,
    baseline: baselineKey,
    mode: diff.mode,
    method: diff.mode === 're-extract' ? 're-extracted visitor messages with the rules extractor' : diff.mode === 'scoring-only' ? 'rescored stored facts (exact, no re-extraction)' : 'nothing to replay',
    changes: diff.changes,
    leads: leads.length,
    replayed: 0,
    apart: { undecided: 0, otherPlaybook: {}, noPlaybookRecorded: 0, cannotReplayFaithfully: 0, noTranscript: 0, notReproducible: 0 },
    matrix: {},
    flipped: [],
    flipSummary: [],
    scoreShift: [],
  };
  const dimensions = [...new Set([...baseline.dimensions, ...candidate.dimensions].map((dimension) => dimension.id))];
  const shift = new Map(dimensions.map((id) => [id, { before: 0, after: 0, changed: 0 }]));
  let done = 0;
  for (const lead of leads) {
    input.onProgress?.(done++, leads.length);
    const before = lead.decision;
    if (!before) {
      report.apart.undecided += 1;
      continue;
    }
    if (!lead.playbookId || !lead.playbookVersion) {
      report.apart.noPlaybookRecorded += 1;
      continue;
    }
    const recorded = `${lead.playbookId}@${lead.playbookVersion}`;
    if (recorded !== baselineKey) {
      report.apart.otherPlaybook[recorded] = (report.apart.otherPlaybook[recorded] ?? 0) + 1;
      continue;
    }
    const after = await decisionWith(input, diff, lead, report);
    if (!after) continue;
    report.replayed += 1;
    const from = routeLabel(before.route, before.handoffReason);
    const to = routeLabel(after.route, after.handoffReason);
    const row = (report.matrix[from] ??= {});
    row[to] = (row[to] ?? 0) + 1;
    for (const id of dimensions) {
      const entry = shift.get(id)!;
      const pointsBefore = dimensionPoints(before, id);
      const pointsAfter = dimensionPoints(after, id);
      entry.before += pointsBefore;
      entry.after += pointsAfter;
      if (pointsBefore !== pointsAfter) entry.changed += 1;
    }
    if (from !== to) {
      const judged = feedback.get(lead.id);
      report.flipped.push({
        leadId: lead.id,
        before: from,
        after: to,
        scoreBefore: before.score,
        scoreAfter: after.score,
        ...(judged ? { verdict: judged.verdict.verdict } : {}),
        crmOutcomes: judged?.outcomes.map((outcome) => outcome.kind) ?? [],
      });
    }
  }
  input.onProgress?.(leads.length, leads.length);
  report.scoreShift = dimensions.map((dimension) => {
    const entry = shift.get(dimension)!;
    const mean = (sum: number) => (report.replayed ? Math.round((sum / report.replayed) * 10) / 10 : 0);
    return { dimension, meanBefore: mean(entry.before), meanAfter: mean(entry.after), changed: entry.changed };
  });
  report.flipSummary = summarise(report.flipped);
  return report;
}

async function decisionWith(input: WhatIfInput, diff: PlaybookDiff, lead: LeadRecord, report: WhatIfReport): Promise<Decision | undefined> {
  if (diff.mode === 're-extract') {
    // An answer to the old question (or to none) cannot stand for the new one: counted apart, never guessed.
    if (diff.newQuestions.some((dimension) => !lead.facts[dimension])) {
      report.apart.cannotReplayFaithfully += 1;
      return undefined;
    }
    if (!input.reextract) throw new Error('whatIf: the candidate changes what is read, and no re-extractor was given');
    const decision = await input.reextract(lead);
    if (decision === 'no-transcript') report.apart.noTranscript += 1;
    else if (decision === 'undecided') report.apart.undecided += 1;
    return typeof decision === 'string' ? undefined : decision;
  }
  // Exact only if the baseline gives back the stored decision from the stored facts; otherwise counted apart.
  const stored = storedScoringInput(lead);
  const again = stored && decide(input.baseline, stored);
  if (!stored || !again || again.route !== lead.decision?.route || again.handoffReason !== lead.decision.handoffReason || again.score !== lead.decision.score) {
    report.apart.notReproducible += 1;
    return undefined;
  }
  return decide(input.candidate, stored);
}

function dimensionPoints(decision: Decision, dimension: string): number {
  return decision.reasons.find((reason) => reason.dimension === dimension && !reason.rule.startsWith('ambiguous:'))?.points ?? 0;
}

const VERDICT_WORDS: Record<string, string> = { accepted: 'SDR-accepted', rejected: 'SDR-rejected' };

function summarise(flipped: readonly FlippedLead[]): string[] {
  const groups = new Map<string, number>();
  for (const lead of flipped) {
    const who = lead.verdict ? (VERDICT_WORDS[lead.verdict] ?? `SDR-${lead.verdict}`) : 'unjudged';
    const won = lead.crmOutcomes.includes('won') ? ' (won in the CRM)' : '';
    const key = `${who}|${lead.before}|${lead.after}|${won}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups.entries()].map(([key, count]) => {
    const [who, before, after, won] = key.split('|');
    return `${count} ${who} lead${count > 1 ? 's' : ''}${won} would now be ${after} (was ${before})`;
  });
}
