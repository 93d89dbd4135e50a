import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { parse } from 'yaml';
import { calibrate, MINIMUM_VERDICTS } from '../../src/calibration/calibrate.js';
import { candidatePlaybookYaml } from '../../src/calibration/candidate-playbook.js';
import { formatCalibration } from '../../src/calibration/format-calibration.js';
import { loadPlaybook, resolvePlaybookPath } from '../../src/playbook/loader.js';
import type { Database, LabelledLead } from '../../src/storage/index.js';
import { openEngine, seedLead } from './seed-leads.js';

const logger = pino({ level: 'silent' });
const champ = loadPlaybook('champ');

/**
 * 35 judged CHAMP leads (handoff at 70) whose verdicts split cleanly between 75 and 85:
 *   12 accepted at 100, 8 accepted at 85 (one of them rejected by the SDR but won in the CRM),
 *   10 rejected at 75, 5 rejected at 65.
 * Any threshold from 76 to 85 puts all 35 on their right side; the closest to 70 is 76.
 * At 70: 20 good kept, 5 rejected avoided, 10 rejected still sent. At 76: 20 kept, 15 avoided, 0 sent.
 */
const top = { challenge: 'clear_problem', authority: 'decision_maker', money: 'allocated', prioritization: 'within_3_months' };
const score85 = { ...top, prioritization: '3_to_6_months' };
const score75 = { ...score85, money: 'possible' };
const score65 = { ...score75, authority: 'influencer' };

describe.each(['sqlite', 'postgres'] as const)('qualibot calibrate from seeded verdicts and CRM outcomes on %s', (engine) => {
  let db: Database;
  let close: (() => Promise<void>) | undefined;
  let judged: LabelledLead[];

  beforeAll(async () => {
    ({ db, close } = await openEngine(engine, logger));
    const groups: Array<[number, Record<string, string>, 'accepted' | 'rejected']> = [[12, top, 'accepted'], [7, score85, 'accepted'], [10, score75, 'rejected'], [5, score65, 'rejected']];
    for (const [count, levels, verdict] of groups) {
      for (let index = 0; index < count; index += 1) await seedLead(db, champ, { id: `${verdict}-${levels.prioritization}-${levels.money}-${levels.authority}-${index}`, levels, verdict });
    }
    await seedLead(db, champ, { id: 'rejected-but-won', levels: score85, verdict: 'rejected', crm: 'won' });
    judged = await db.feedback.labelled({ playbookId: champ.id });
  });

  afterAll(async () => {
    await close?.();
  });

  it('finds the handoff threshold that separates accepted from rejected leads, with the counts', () => {
    expect(judged).toHaveLength(35);
    const calibration = calibrate(champ, judged);
    expect(calibration.tooFew).toBeUndefined();
    expect(calibration.handoff).toEqual({
      current: 70,
      proposed: 76,
      acceptedKept: 20,
      acceptedLost: 0,
      rejectedAvoided: 15,
      rejectedStillSent: 0,
      currentCounts: { acceptedKept: 20, acceptedLost: 0, rejectedAvoided: 5, rejectedStillSent: 10 },
    });
    // Everything under 76 was rejected: nothing to separate for the warm threshold.
    expect(calibration.warm).toBeUndefined();
    expect(formatCalibration(calibration)).toContain('handoff threshold 70 → 76');
  });

  it('writes a candidate playbook with a comment per change, keeping the original comments', () => {
    const calibration = calibrate(champ, judged);
    const running = readFileSync(resolvePlaybookPath('champ'), 'utf8');
    const yaml = candidatePlaybookYaml(running, calibration, new Date('2026-12-07T00:00:00Z'));
    const parsed = parse(yaml) as { thresholds: { handoff: number; warm: number }; version: string; dimensions: unknown[] };
    expect(parsed.thresholds).toMatchObject({ handoff: 76, warm: 40 });
    expect(parsed.version).toBe(`${champ.version}+calibrated-2026-12-07`);
    expect(parsed.dimensions).toHaveLength(champ.dimensions.length);
    expect(yaml).toMatch(/handoff: 76 #.*was 70.*rejected avoided 5 → 15/);
    expect(yaml).toContain('# Asked in this order');
    expect(yaml).toContain('the running playbook was not changed');
  });

  it('points out a level accepted more often than one worth more points', () => {
    // 8 accepted leads said influencer instead: decision_maker 12 good of 22 (0.55), influencer 8 of 13 (0.62).
    let moved = 0;
    const relabelled = judged.map((item) => {
      if (item.verdict.verdict !== 'accepted' || moved >= 8) return item;
      moved += 1;
      return { ...item, lead: { ...item.lead, facts: { ...item.lead.facts, authority: { ...item.lead.facts.authority!, value: 'influencer' } } } };
    });
    expect(calibrate(champ, relabelled).levels).toEqual([
      {
        dimension: 'authority',
        higher: { level: 'decision_maker', points: 25, judged: 22, acceptanceRate: 0.55 },
        lower: { level: 'influencer', points: 15, judged: 13, acceptanceRate: 0.62 },
      },
    ]);
    expect(calibrate(champ, judged).levels).toEqual([]);
  });

  it(`proposes nothing below ${MINIMUM_VERDICTS} verdicts`, () => {
    const calibration = calibrate(champ, judged.slice(0, MINIMUM_VERDICTS - 1));
    expect(calibration.tooFew).toMatch(/29 verdict\(s\).*at least 30/);
    expect(calibration.handoff).toBeUndefined();
    expect(calibration.levels).toEqual([]);
    expect(formatCalibration(calibration)).toMatch(/^Not enough evidence.*Nothing is proposed\.$/);
  });
});
