import { z } from 'zod';
import { BadRequestError } from '../errors.js';
import { findDimension, findLevel } from '../playbook/queries.js';
import type { Playbook } from '../playbook/schema.js';
import type { FactCorrection, Verdict, VerdictRecord, VerdictVia } from '../storage/ports/feedback.js';
import type { HandoffRecord } from '../storage/ports/handoffs.js';
import type { LeadRecord } from '../storage/ports/leads.js';

/** What an SDR may add to a close, beyond the outcome and the free note (all optional, checked against the playbook). */
export const verdictDetailsSchema = z
  .object({
    /** A rejection reason id of the playbook; only with the `rejected` outcome. */
    rejectionReason: z.string().trim().min(1).max(64).optional(),
    /** Dimensions whose signal was missing for a good decision. */
    missingSignals: z.array(z.string().trim().min(1).max(64)).max(20).optional(),
    /** "This fact was wrong; the right level is…". */
    corrections: z
      .array(z.object({ dimension: z.string().trim().min(1).max(64), level: z.string().trim().min(1).max(64) }).strict())
      .max(20)
      .optional(),
  })
  .strict();

export type VerdictDetails = z.infer<typeof verdictDetailsSchema>;

/** `rejected` is the one rejected outcome; `accepted` and `meeting_booked` both make the lead an SQL. */
export function verdictOfOutcome(outcome: string): Verdict {
  return outcome === 'rejected' ? 'rejected' : 'accepted';
}

/** Throws a 400 naming the first id the playbook does not know; nothing is written before this passes. */
export function checkVerdictDetails(playbook: Playbook, outcome: string, details: VerdictDetails): void {
  if (details.rejectionReason !== undefined) {
    if (outcome !== 'rejected') throw new BadRequestError('rejectionReason goes with the "rejected" outcome only');
    if (!playbook.rejectionReasons.some((reason) => reason.id === details.rejectionReason)) {
      throw new BadRequestError(`rejectionReason: unknown reason "${details.rejectionReason}" (known: ${playbook.rejectionReasons.map((reason) => reason.id).join(', ')})`);
    }
  }
  for (const dimension of details.missingSignals ?? []) {
    if (!findDimension(playbook, dimension)) throw new BadRequestError(`missingSignals: unknown dimension "${dimension}"`);
  }
  const corrected = new Set<string>();
  for (const correction of details.corrections ?? []) {
    const dimension = findDimension(playbook, correction.dimension);
    if (!dimension) throw new BadRequestError(`corrections: unknown dimension "${correction.dimension}"`);
    if (!findLevel(dimension, correction.level)) {
      throw new BadRequestError(`corrections: "${correction.level}" is not a level of ${dimension.id} (levels: ${dimension.levels.map((level) => level.id).join(', ')})`);
    }
    if (corrected.has(dimension.id)) throw new BadRequestError(`corrections: ${dimension.id} is corrected twice`);
    corrected.add(dimension.id);
  }
}

/** The verdict to store for a closed handoff: corrections keep the level the extractor had read. */
export function buildVerdict(input: {
  handoff: HandoffRecord;
  lead: LeadRecord | undefined;
  details: VerdictDetails;
  note?: string;
  via: VerdictVia;
}): VerdictRecord {
  const { handoff, lead, details } = input;
  const outcome = handoff.outcome ?? 'accepted';
  const corrections: FactCorrection[] = (details.corrections ?? []).map(({ dimension, level }) => {
    const extracted = lead?.facts[dimension]?.value;
    return { dimension, ...(extracted ? { extracted } : {}), corrected: level };
  });
  return {
    handoffId: handoff.id,
    leadId: handoff.leadId,
    conversationId: handoff.conversationId,
    verdict: verdictOfOutcome(outcome),
    outcome,
    ...(details.rejectionReason ? { reasonId: details.rejectionReason } : {}),
    ...(input.note ? { note: input.note } : {}),
    missingSignals: [...new Set(details.missingSignals ?? [])],
    corrections,
    ...(handoff.sdrId ? { sdrId: handoff.sdrId } : {}),
    ...(handoff.sdrName ? { sdrName: handoff.sdrName } : {}),
    via: input.via,
    decidedAt: handoff.closedAt ?? handoff.updatedAt,
  };
}
