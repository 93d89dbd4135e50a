import type { Calibration, ThresholdProposal } from './calibrate.js';

/** The calibration proposals as text for a terminal. */
export function formatCalibration(calibration: Calibration): string {
  if (calibration.tooFew) return `Not enough evidence: ${calibration.tooFew} Nothing is proposed.`;
  const lines = [`From ${calibration.verdicts} judged leads (accepted, or a meeting/opportunity/win in the CRM, count as good):`];
  const threshold = (name: string, proposal: ThresholdProposal | undefined) => {
    if (!proposal) return lines.push(`  ${name} threshold: not enough judged leads on both sides to propose one`);
    if (proposal.proposed === proposal.current) return lines.push(`  ${name} threshold ${proposal.current}: already the best separation`);
    const now = proposal.currentCounts;
    return lines.push(
      `  ${name} threshold ${proposal.current} → ${proposal.proposed}: good leads kept ${now.acceptedKept} → ${proposal.acceptedKept} (lost ${now.acceptedLost} → ${proposal.acceptedLost}), rejected leads avoided ${now.rejectedAvoided} → ${proposal.rejectedAvoided} (still sent ${now.rejectedStillSent} → ${proposal.rejectedStillSent})`,
    );
  };
  threshold('handoff', calibration.handoff);
  threshold('warm', calibration.warm);
  for (const item of calibration.levels) {
    lines.push(`  ${item.dimension}: ${item.higher.level} (${item.higher.points} pts) accepted ${Math.round(item.higher.acceptanceRate * 100)}% of ${item.higher.judged}, but ${item.lower.level} (${item.lower.points} pts) ${Math.round(item.lower.acceptanceRate * 100)}% of ${item.lower.judged}`);
  }
  for (const item of calibration.overturnedKnockouts) lines.push(`  knockout ${item.knockout}: overturned by SDRs on ${item.accepted} accepted lead(s)`);
  for (const item of calibration.corrections) lines.push(`  ${item.dimension}: corrected on ${item.corrected} of ${item.judged} judged leads`);
  return lines.join('\n');
}
