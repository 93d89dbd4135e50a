import type { Playbook } from '../playbook/schema.js';
import { labelledCaseSchema, type LabelledCase } from '../replay/labelled-case.js';
import type { LabelledLead } from '../storage/ports/feedback.js';
import type { TranscriptEntry } from '../storage/ports/transcripts.js';

/**
 * A judged conversation as a labelled case (shared/eval format): the visitor's own lines, the page context,
 * and the route sales says a good qualifier takes. Accepted: handoff (with the bot's handoff reason).
 * Rejected: the route of the playbook's rejection reason, when it has one; otherwise no `expect` (the case
 * still carries its labels, and eval skips it). `labels` keeps the verdict, the facts as sales corrected
 * them, missing signals and CRM outcomes, for people and for later tools; the bot never reads it.
 */
export function labelledCaseOf(item: LabelledLead, transcript: readonly TranscriptEntry[], playbook: Playbook): LabelledCase {
  const { lead, verdict, outcomes } = item;
  const reason = verdict.reasonId ? playbook.rejectionReasons.find((candidate) => candidate.id === verdict.reasonId) : undefined;
  const expect =
    verdict.verdict === 'accepted'
      ? { route: 'handoff' as const, handoffReason: lead.decision?.handoffReason ?? 'high_score' }
      : reason?.route
        ? { route: reason.route }
        : undefined;
  const facts = Object.fromEntries(Object.entries(lead.facts).map(([dimension, fact]) => [dimension, fact.value]));
  for (const correction of verdict.corrections) facts[correction.dimension] = correction.corrected;
  const context = Object.fromEntries(Object.entries(lead.context).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))) as Record<string, string | number | boolean>;
  const candidate = {
    id: `sdr-${verdict.verdict}-${verdict.handoffId}`.replace(/[^A-Za-z0-9_-]/g, '-'),
    locale: lead.locale,
    ...(Object.keys(context).length ? { context } : {}),
    visitor: transcript.filter((line) => line.from === 'visitor').map((line) => line.text),
    tags: ['sdr-verdict', `verdict:${verdict.verdict}`, ...(verdict.reasonId ? [`reason:${verdict.reasonId}`] : []), ...(verdict.corrections.length ? ['corrected'] : [])],
    ...(expect ? { expect } : {}),
    labels: {
      verdict: verdict.verdict,
      outcome: verdict.outcome,
      ...(verdict.reasonId ? { rejectionReason: verdict.reasonId } : {}),
      missingSignals: verdict.missingSignals,
      facts,
      corrections: verdict.corrections,
      botRoute: lead.decision?.route,
      botScore: lead.decision?.score,
      crmOutcomes: outcomes.map(({ kind, occurredAt, amount, currency }) => ({ kind, occurredAt, ...(amount !== undefined ? { amount, currency } : {}) })),
      playbook: `${lead.playbookId}@${lead.playbookVersion}`,
      judgedAt: verdict.decidedAt,
    },
  };
  // The same check `qualibot eval` makes when it reads the file back.
  return labelledCaseSchema.parse(candidate);
}
