import type { Playbook } from '../../../playbook/schema.js';
import { corrects } from '../engine/corrections.js';
import { compileCues, type Cue } from '../engine/cue.js';
import { matchCues, type CueMatch } from '../engine/match-cues.js';
import { sentenceOf, type Finding, type Reading } from '../engine/reading.js';
import {
  HEADCOUNT_APPROX,
  HEADCOUNT_BELOW,
  HEADCOUNT_COMPOUND,
  HEADCOUNT_LEAD,
  HEADCOUNT_UNIT,
  NOT_HEADCOUNT_UNIT,
  PARTNER_UNIT,
  PEOPLE_ARRIVING_AFTER,
  PEOPLE_SERVED_BEFORE,
  SIZE_CUES,
  SOLO_CUES,
  SUB_TEAM,
  TEAM_AFTER_COUNT,
  TEAM_AFTER_LEAD,
  TEAM_LIST_ANSWER_CUES,
  TEAM_LIST_CUES,
  TEAM_LIST_SEPARATOR,
} from '../lexicon/company.js';
import type { NumberToken } from '../numbers/find-numbers.js';
import { readSector } from './sector-reader.js';

/** What the company reader found: the fact (if any) and whether the visitor works alone. */
export interface CompanyReading {
  findings: Finding[];
  /** Where a solo/two-person business (or a listed team below the ICP size) was said: the below-ICP-size knockout. */
  solo?: CueMatch;
}

interface Headcount {
  start: number;
  end: number;
  value: number;
  partners: boolean;
}

const UNIT_AFTER = new RegExp(`^(?:ish|\\+|p(?![a-z]))?(?: ?(?:(?:de |d')?)${HEADCOUNT_UNIT}(?![a-z])|(?<=p))`);
const COMPOUND_AFTER = new RegExp(`^${HEADCOUNT_COMPOUND}`);
const LEAD_BEFORE = new RegExp(`(?:^|[^a-z'])${HEADCOUNT_LEAD} ${HEADCOUNT_APPROX}$`);
const APPROX_BEFORE = new RegExp(`${HEADCOUNT_APPROX}$`);
const BELOW_BEFORE = new RegExp(HEADCOUNT_BELOW);
// "On est 6 avec moi", "we're 6 including me": the visitor counted in.
const BARE_END = /^ ?(?:$|[,.;:!?)]|au |a |dans |in |at |ici|here|en tout|au total|in total|et |and |people|personnes|maintenant|now|avec moi\b|moi compris|moi inclus|en (?:me|nous) comptant|y compris moi|including me|including myself|with me\b|counting me|me included|myself included)/;
const RANGE_JOIN = /^ ?(?:a|à|-|to|et|and) ?$/;
const ONLY_NUMBER = new RegExp(`^${HEADCOUNT_APPROX}\\d[\\d .,']*\\+?$`);

/**
 * Company: headcount ("140 salariés", "a 40-person company", "on est 12", "solo") and sector
 * ("éditeur de logiciel"). The level follows `icp.minEmployees`; a sector alone is `size_unknown`
 * and only counts as an answer to the company question.
 */
export class CompanyReader {
  private readonly solo = compileCues(SOLO_CUES);
  private readonly teamList = compileCues(TEAM_LIST_CUES);
  // Lists said alone count only as an answer to the company question.
  private readonly teamListAsked = [...this.teamList, ...compileCues(TEAM_LIST_ANSWER_CUES)];
  private readonly size: Cue[];

  constructor(
    private readonly playbook: Playbook,
    extra: readonly Cue[] = [],
  ) {
    this.size = [...compileCues(SIZE_CUES), ...extra];
  }

  read(reading: Reading, asked: boolean): CompanyReading {
    const min = this.playbook.icp.minEmployees;
    // "Just me" is the company only in an answer to the company question (tag asked).
    let solo = matchCues(this.solo, reading).find((match) => asked || match.tag !== 'asked');
    // "Nous sommes 2 au service RH": two in a team, not a two-person company.
    if (solo && TEAM_AFTER_LEAD.test(reading.folded.slice(solo.end, solo.end + 40))) solo = undefined;
    let headcount = solo ? { start: solo.start, end: solo.end, value: Number(solo.level), partners: false } : this.headcount(reading, asked);
    if (!headcount) {
      headcount = this.listedTeam(reading, asked);
      if (headcount && headcount.value < min) solo = { level: String(headcount.value), weak: false, start: headcount.start, end: headcount.end };
    }
    const sector = readSector(reading, asked, headcount);
    if (headcount) {
      const span = sector && sameSentence(reading, sector.start, headcount.start) ? union(sector, headcount) : headcount;
      const level = headcount.value >= min ? 'in_icp' : 'below_icp_size';
      return { solo, findings: [{ level, start: span.start, end: span.end, headcount: headcount.value, sector: sector?.text }] };
    }
    if (!asked) return { findings: [] };
    const size = matchCues(this.size, reading)[0];
    if (size) return { findings: [{ level: size.level, start: size.start, end: size.end, weak: size.weak, sector: sector?.text }] };
    if (sector) return { findings: [{ level: 'size_unknown', start: sector.start, end: sector.end, sector: sector.text }] };
    return { findings: [] };
  }

  private headcount(reading: Reading, asked: boolean): Headcount | undefined {
    const { folded } = reading;
    // The company's own words marked (vocabulary.ts): "200 leads" counts leads, "notre équipe SOC de 3" a team.
    const marked = reading.marked ?? folded;
    const bare = asked ? this.bareAnswer(reading) : undefined;
    if (bare) return bare;
    const counts: Headcount[] = [];
    const tokens = reading.numbers.filter((token) => token.kind !== 'article' && !token.currency && token.scale <= 1000);
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index] as NumberToken;
      const after = folded.slice(token.end, token.end + 32);
      const before = folded.slice(Math.max(0, token.start - 48), token.start);
      // A team of the company is not the company: "une équipe RH de 3", "our two-person IT team", "we're 4 in marketing".
      if (SUB_TEAM.test(marked.slice(Math.max(0, token.start - 48), token.start)) || TEAM_AFTER_COUNT.test(after) || TEAM_AFTER_LEAD.test(after)) continue;
      // People who join or for whom something is done are not the company: "six ingénieurs nous rejoignent", "à quelques salariés".
      if (!asked && (PEOPLE_ARRIVING_AFTER.test(folded.slice(token.end, token.end + 64)) || PEOPLE_SERVED_BEFORE.test(before))) continue;
      const next = tokens[index + 1];
      // "10 à 50 salariés", "between 50 and 100 employees": the lower bound.
      if (next && RANGE_JOIN.test(folded.slice(token.end, next.start)) && this.isHeadcount(folded, marked, next, false)) {
        counts.push({ start: token.start, end: next.end + (UNIT_AFTER.exec(folded.slice(next.end))?.[0].length ?? 0), value: token.value, partners: false });
        index++;
        continue;
      }
      if (!this.isHeadcount(folded, marked, token, asked)) continue;
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
    const largest = pool.reduce<Headcount | undefined>((best, count) => (!best || count.value > best.value ? count : best), undefined);
    return this.corrected(reading, pool, tokens) ?? largest;
  }

  /** "It's me, my co-founder and a part-time VA": one per person listed, or the count given ("deux freelances"). */
  private listedTeam(reading: Reading, asked: boolean): Headcount | undefined {
    const list = matchCues(asked ? this.teamListAsked : this.teamList, reading)[0];
    if (!list) return undefined;
    let value = 0;
    let at = list.start;
    for (const person of reading.folded.slice(list.start, list.end).split(TEAM_LIST_SEPARATOR)) {
      const start = reading.folded.indexOf(person, at);
      at = start + person.length;
      const count = reading.numbers.find((token) => token.kind !== 'article' && token.start === start && token.scale === 1);
      value += count ? Math.round(count.value) : 1;
    }
    return { start: list.start, end: list.end, value, partners: false };
  }

  /** "8 employees. Sorry, 80, typo!": a number after a correction marker replaces the count it corrects. */
  private corrected(reading: Reading, counts: readonly Headcount[], tokens: readonly NumberToken[]): Headcount | undefined {
    let result: Headcount | undefined;
    for (const count of counts) {
      for (const token of tokens) {
        if (token.start < count.end || token.scale !== 1 || token.value < 1) continue;
        const after = reading.folded.slice(token.end, token.end + 32);
        if (NOT_HEADCOUNT_UNIT.test((reading.marked ?? reading.folded).slice(token.end, token.end + 32)) || !corrects(reading, count, token)) continue;
        const unit = UNIT_AFTER.exec(after) ?? COMPOUND_AFTER.exec(after);
        const candidate = { start: token.start, end: token.end + (unit?.[0].length ?? 0), value: Math.round(token.value), partners: count.partners };
        if (!result || candidate.start > result.start) result = candidate;
      }
    }
    return result;
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
    if (BELOW_BEFORE.test(reading.folded.slice(0, first.start))) {
      // "Moins de 10", "fewer than 10": below the ICP when the bound is; otherwise the size stays unknown.
      const value = first.value - 1;
      return first.value <= this.playbook.icp.minEmployees ? { start: 0, end: last.end, value, partners: false } : undefined;
    }
    if (rest && !/^(?:(?:environ|about|around|approximately|roughly|a peu pres|presque|almost|nearly|pres de|plus de|more than|over|some|entre|between|de|from|une|a|un peu plus de|tout juste|au moins|at least|people|personnes|gens|employees|salaries)\s*)+$/.test(rest)) return undefined;
    return { start: first.start, end: last.end, value: Math.round(first.value), partners: false };
  }

  private isHeadcount(folded: string, marked: string, token: NumberToken, asked: boolean): boolean {
    const after = folded.slice(token.end, token.end + 32);
    if (UNIT_AFTER.test(after) || COMPOUND_AFTER.test(after)) return true;
    if (NOT_HEADCOUNT_UNIT.test(marked.slice(token.end, token.end + 32))) return false;
    const before = folded.slice(Math.max(0, token.start - 48), token.start);
    if (LEAD_BEFORE.test(before) && BARE_END.test(after)) return true;
    // A bare number answering the company question: "40", "environ 40", "~40".
    if (!asked) return false;
    const clause = folded.trim();
    return ONLY_NUMBER.test(clause.replace(/[.!]+$/, '')) && APPROX_BEFORE.test(before);
  }
}

function sameSentence(reading: Reading, a: number, b: number): boolean {
  const sentence = sentenceOf(reading, a);
  return b >= sentence.start && b < sentence.end;
}

function union(a: { start: number; end: number }, b: { start: number; end: number }): { start: number; end: number } {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
