import type { Playbook } from '../../../playbook/schema.js';
import { compileCues, type Cue } from '../engine/cue.js';
import { longestFirst, matchCues, type CueMatch } from '../engine/match-cues.js';
import { clauseOf, sentenceOf, type Finding, type Reading } from '../engine/reading.js';
import {
  HEADCOUNT_APPROX,
  HEADCOUNT_BELOW,
  HEADCOUNT_COMPOUND,
  HEADCOUNT_LEAD,
  HEADCOUNT_UNIT,
  NOT_HEADCOUNT_UNIT,
  PARTNER_UNIT,
  SECTOR_LEAD,
  SECTOR_PATTERNS,
  SIZE_CUES,
  SOLO_CUES,
  SUB_TEAM,
} from '../lexicon/company.js';
import type { NumberToken } from '../numbers/find-numbers.js';

/** What the company reader found: the fact (if any) and whether the visitor works alone. */
export interface CompanyReading {
  findings: Finding[];
  /** Where a solo/two-person business was said: the below-ICP-size knockout. */
  solo?: CueMatch;
}

interface Headcount {
  start: number;
  end: number;
  value: number;
  partners: boolean;
}

const UNIT_AFTER = new RegExp(`^ ?(?:(?:de |d')?)${HEADCOUNT_UNIT}(?![a-z])`);
const COMPOUND_AFTER = new RegExp(`^${HEADCOUNT_COMPOUND}`);
const LEAD_BEFORE = new RegExp(`(?:^|[^a-z'])${HEADCOUNT_LEAD} ${HEADCOUNT_APPROX}$`);
const APPROX_BEFORE = new RegExp(`${HEADCOUNT_APPROX}$`);
const BELOW_BEFORE = new RegExp(HEADCOUNT_BELOW);
const BARE_END = /^ ?(?:$|[,.;!?)]|au |a |dans |in |at |ici|here|en tout|au total|in total|et |and |people|personnes|maintenant|now)/;
const RANGE_JOIN = /^ ?(?:a|à|-|to|et|and) ?$/;
const SECTOR_RES = SECTOR_PATTERNS.map((source) => new RegExp(`(?<![a-z0-9-])(?:${source})(?![a-z0-9])`, 'g'));
const ONLY_NUMBER = new RegExp(`^${HEADCOUNT_APPROX}\\d[\\d .,']*\\+?$`);

/**
 * Company: headcount ("140 salariés", "a 40-person company", "on est 12", "solo") and sector
 * ("éditeur de logiciel"). The level follows `icp.minEmployees`; a sector alone is `size_unknown`
 * and only counts as an answer to the company question.
 */
export class CompanyReader {
  private readonly solo = compileCues(SOLO_CUES);
  private readonly size: Cue[];

  constructor(
    private readonly playbook: Playbook,
    extra: readonly Cue[] = [],
  ) {
    this.size = [...compileCues(SIZE_CUES), ...extra];
  }

  read(reading: Reading, asked: boolean): CompanyReading {
    const min = this.playbook.icp.minEmployees;
    const solo = matchCues(this.solo, reading.folded, reading.segments)[0];
    const headcount = solo ? { start: solo.start, end: solo.end, value: Number(solo.level), partners: false } : this.headcount(reading, asked);
    const sector = this.sector(reading, asked, headcount);
    if (headcount) {
      const span = sector && sameSentence(reading, sector.start, headcount.start) ? union(sector, headcount) : headcount;
      const level = headcount.value >= min ? 'in_icp' : 'below_icp_size';
      return { solo, findings: [{ level, start: span.start, end: span.end, headcount: headcount.value, sector: sector?.text }] };
    }
    if (!asked) return { findings: [] };
    const size = matchCues(this.size, reading.folded, reading.segments)[0];
    if (size) return { findings: [{ level: size.level, start: size.start, end: size.end, weak: size.weak, sector: sector?.text }] };
    if (sector) return { findings: [{ level: 'size_unknown', start: sector.start, end: sector.end, sector: sector.text }] };
    return { findings: [] };
  }

  private headcount(reading: Reading, asked: boolean): Headcount | undefined {
    const { folded } = reading;
    const bare = asked ? this.bareAnswer(reading) : undefined;
    if (bare) return bare;
    const counts: Headcount[] = [];
    const tokens = reading.numbers.filter((token) => token.kind !== 'article' && token.scale === 1);
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index] as NumberToken;
      const after = folded.slice(token.end, token.end + 32);
      const before = folded.slice(Math.max(0, token.start - 48), token.start);
      if (SUB_TEAM.test(before)) continue;
      const next = tokens[index + 1];
      // "10 à 50 salariés", "between 50 and 100 employees": the lower bound.
      if (next && RANGE_JOIN.test(folded.slice(token.end, next.start)) && this.isHeadcount(folded, next, false)) {
        counts.push({ start: token.start, end: next.end + (UNIT_AFTER.exec(folded.slice(next.end))?.[0].length ?? 0), value: token.value, partners: false });
        index++;
        continue;
      }
      if (!this.isHeadcount(folded, token, asked)) continue;
      const unit = UNIT_AFTER.exec(after) ?? COMPOUND_AFTER.exec(after);
      const end = token.end + (unit?.[0].length ?? 0);
      const partners = PARTNER_UNIT.test((unit?.[0] ?? '').replace(/^ ?(?:de |d')?/, ''));
      if (BELOW_BEFORE.test(before)) {
        // "moins de 10 salariés": below the ICP when the bound is; otherwise the size is unknown.
        if (token.value <= this.playbook.icp.minEmployees) counts.push({ start: token.start, end, value: token.value - 1, partners });
        continue;
      }
      counts.push({ start: token.start, end, value: Math.round(token.value), partners });
    }
    const employees = counts.filter((count) => !count.partners);
    // "On est deux associés" answers who decides; it is a company size only when the size was asked.
    const pool = employees.length > 0 ? employees : asked ? counts : [];
    return pool.reduce<Headcount | undefined>((best, count) => (!best || count.value > best.value ? count : best), undefined);
  }

  /** The whole answer is a number or a range: "40", "une trentaine", "entre 20 et 30". */
  private bareAnswer(reading: Reading): Headcount | undefined {
    const words = reading.numbers.filter((token) => token.kind !== 'article' && token.scale === 1);
    const first = words[0];
    if (!first || words.length > 2) return undefined;
    const last = words[words.length - 1] as NumberToken;
    const rest = (reading.folded.slice(0, first.start) + ' ' + reading.folded.slice(last.end)).replace(/[^a-z]+/g, ' ').trim();
    const between = words.length === 2 ? reading.folded.slice(first.end, last.start) : '';
    if (words.length === 2 && !RANGE_JOIN.test(between)) return undefined;
    if (rest && !/^(?:(?:environ|about|around|approximately|roughly|a peu pres|presque|almost|nearly|pres de|plus de|more than|over|some|entre|between|de|from|une|a|un peu plus de|tout juste|au moins|at least|people|personnes|gens|employees|salaries)\s*)+$/.test(rest)) return undefined;
    return { start: first.start, end: last.end, value: Math.round(first.value), partners: false };
  }

  private isHeadcount(folded: string, token: NumberToken, asked: boolean): boolean {
    const after = folded.slice(token.end, token.end + 32);
    if (UNIT_AFTER.test(after) || COMPOUND_AFTER.test(after)) return true;
    if (NOT_HEADCOUNT_UNIT.test(after)) return false;
    const before = folded.slice(Math.max(0, token.start - 48), token.start);
    if (LEAD_BEFORE.test(before) && BARE_END.test(after)) return true;
    // A bare number answering the company question: "40", "environ 40", "~40".
    if (!asked) return false;
    const clause = folded.trim();
    return ONLY_NUMBER.test(clause.replace(/[.!]+$/, '')) && APPROX_BEFORE.test(before);
  }

  /** The sector: a known phrase, or in an answer "Secteur, 40 salariés" the words beside the count. */
  private sector(reading: Reading, asked: boolean, headcount?: Headcount): { start: number; end: number; text: string } | undefined {
    const { folded, original } = reading;
    const matches: CueMatch[] = [];
    for (const regex of SECTOR_RES) {
      regex.lastIndex = 0;
      for (const match of folded.matchAll(regex)) {
        const start = match.index ?? 0;
        matches.push({ level: 'sector', weak: false, start, end: start + match[0].length });
      }
    }
    const outsideCount = longestFirst(matches.filter((match) => !headcount || match.end <= headcount.start || match.start >= headcount.end));
    const known = outsideCount[0];
    if (asked && headcount) {
      const clause = clauseOf(reading, folded.search(/\S/) >= 0 ? folded.search(/\S/) : 0);
      if (clause.end <= headcount.start) return trimmedSector(original, clause.start, clause.end);
    }
    if (known) return trimmedSector(original, known.start, known.end);
    if (asked) {
      const clause = clauseOf(reading, folded.search(/\S/));
      const words = folded.slice(clause.start, clause.end).split(/\s+/).length;
      if (words <= 8 && !/\b(?:je|j'|i|we|on|nous)\b|\d/.test(folded.slice(clause.start, clause.end))) return trimmedSector(original, clause.start, clause.end);
    }
    return undefined;
  }
}

function trimmedSector(original: string, start: number, end: number): { start: number; end: number; text: string } | undefined {
  const raw = original.slice(start, end);
  const lead = SECTOR_LEAD.exec(raw)?.[0].length ?? 0;
  const text = raw
    .slice(lead)
    .replace(/[\s,.;:!?-]+$/, '')
    .replace(/\s+(?:de|d'|du|des|pour|les|la|le|l'|et|and|of|with|the|a|an|en|in|for)$/i, '')
    .trim();
  if (text.length < 2 || text.split(/\s+/).length > 10 || /^\d/.test(text)) return undefined;
  return { start, end, text };
}

function sameSentence(reading: Reading, a: number, b: number): boolean {
  const sentence = sentenceOf(reading, a);
  return b >= sentence.start && b < sentence.end;
}

function union(a: { start: number; end: number }, b: { start: number; end: number }): { start: number; end: number } {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
