import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { isScalar, parseDocument, type Scalar } from 'yaml';
import type { Calibration, ThresholdProposal } from './calibrate.js';

/**
 * The running playbook's YAML with the proposals applied, a comment beside each change giving its evidence, and
 * the evidence that changes nothing by itself (levels, knockouts, corrections) as comments at the top. The
 * document is edited in place (yaml's Document API), so every comment and the order of the original stay.
 */
export function candidatePlaybookYaml(runningYaml: string, calibration: Calibration, generatedAt: Date, files?: { running: string; candidate: string }): string {
  const document = parseDocument(runningYaml);
  // Files the playbook names relative to itself (shared vocabulary, site pages) must still be found from the candidate.
  if (files) {
    for (const path of [['vocabulary'], ['site', 'fr'], ['site', 'en']]) {
      const value = document.getIn(path);
      if (typeof value !== 'string' || isAbsolute(value)) continue;
      document.setIn(path, relative(dirname(resolve(files.candidate)), resolve(dirname(files.running), value)) || '.');
    }
  }
  const version = String(document.get('version'));
  const stamp = generatedAt.toISOString().slice(0, 10);
  setWithComment(document, ['version'], `${version}+calibrated-${stamp}`, `candidate from \`qualibot calibrate\` on ${stamp} (${calibration.verdicts} verdicts); was ${version}`);
  for (const key of ['handoff', 'warm'] as const) {
    const proposal = calibration[key];
    if (proposal && proposal.proposed !== proposal.current) setWithComment(document, ['thresholds', key], proposal.proposed, thresholdEvidence(key, proposal));
  }
  const notes = [
    ...calibration.levels.map((item) => `${item.dimension}: ${item.higher.level} (${item.higher.points} pts) accepted ${percent(item.higher.acceptanceRate)} of ${item.higher.judged}, ${item.lower.level} (${item.lower.points} pts) ${percent(item.lower.acceptanceRate)} of ${item.lower.judged}: the points contradict the verdicts`),
    ...calibration.overturnedKnockouts.map((item) => `knockout ${item.knockout}: ${item.accepted} lead(s) seen with it were accepted by an SDR`),
    ...calibration.corrections.map((item) => `${item.dimension}: corrected by SDRs on ${item.corrected} of ${item.judged} judged leads`),
  ];
  const header = [' Candidate playbook proposed by `qualibot calibrate`: review it, try it with `qualibot whatif --playbook THIS_FILE`,', ' and deploy it yourself; the running playbook was not changed.'];
  if (notes.length) header.push(' Evidence to review (not changed automatically):', ...notes.map((note) => `  - ${note}`));
  document.commentBefore = [...header, ...(document.commentBefore ? [document.commentBefore] : [])].join('\n');
  return document.toString();
}

function setWithComment(document: ReturnType<typeof parseDocument>, path: string[], value: string | number, comment: string): void {
  document.setIn(path, value);
  const node = document.getIn(path, true);
  if (isScalar(node)) (node as Scalar).comment = ` ${comment}`;
}

function thresholdEvidence(key: string, proposal: ThresholdProposal): string {
  const now = proposal.currentCounts;
  return `was ${proposal.current}: over judged leads, accepted kept ${now.acceptedKept} → ${proposal.acceptedKept} (lost ${proposal.acceptedLost}), rejected avoided ${now.rejectedAvoided} → ${proposal.rejectedAvoided} (still sent ${proposal.rejectedStillSent}) [${key}]`;
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
