import type { Amount } from '../../../qualification/types.js';
import { compileCues, type Cue } from '../engine/cue.js';
import { PrefilteredRegExp } from '../engine/literal-prefilter.js';
import { matchCues, type CueMatch } from '../engine/match-cues.js';
import { sentenceText, type Finding, type Reading } from '../engine/reading.js';
import { BUDGET_CUES } from '../lexicon/budget.js';
import { MONEY_WORDS } from '../lexicon/money.js';
import { chosenAmount, readAmounts } from './amount-reader.js';

// Tested on sentences, prefiltered on the whole message.
const ABOUT_MONEY = new PrefilteredRegExp(MONEY_WORDS);

/** Whether an amount is below the playbook's minimum (yearly, in its currency); false when unknown. */
export type BelowMinimum = (amount: Amount) => boolean;

/**
 * Budget / money. An amount said plainly is `allocated` (the scorer compares it with the minimum);
 * a hedge next to an amount or an approval ("25 000 €, enfin je crois, ce n'est pas encore acté")
 * adds `possible`, and "30 k€… enfin non, pas de budget" adds `none`: the fact sheet then sees the
 * contradiction.
 */
export class BudgetReader {
  private readonly cues: Cue[];

  constructor(
    private readonly currency: string,
    extra: readonly Cue[] = [],
    private readonly belowMinimum: BelowMinimum = () => false,
  ) {
    this.cues = [...compileCues(BUDGET_CUES), ...extra.map((cue) => ({ ...cue, tag: cue.tag ?? 'explicit' }))];
  }

  read(reading: Reading, asked: boolean): Finding[] {
    const amounts = readAmounts(reading, this.currency, asked);
    const aboutMoney = asked || amounts.length > 0 || ABOUT_MONEY.test(reading.folded);
    const sentenceAboutMoney = (match: CueMatch) =>
      asked || ABOUT_MONEY.test(sentenceText(reading, match.start, match.end), reading.folded) || amounts.some((amount) => sameSentence(reading, amount.start, match.start));
    const matches = matchCues(this.cues, reading).filter((match) => {
      if (match.tag === 'message') return aboutMoney;
      if (match.tag === 'contextual') return sentenceAboutMoney(match);
      if (match.tag === 'pronoun') return asked || ABOUT_MONEY.test(reading.folded.slice(previousSentenceStart(reading, match.start), match.end), reading.folded);
      return true;
    });
    const amount = chosenAmount(reading, amounts);
    const allocatedCue = matches.find((match) => match.level === 'allocated');
    const hasCommitment = amount !== undefined || allocatedCue !== undefined;
    // A bare hedge ("I think", "maybe") only hedges an amount or an approval; alone it is no answer. Nor does it
    // hedge an amount that is below the minimum however sure it is ("maybe $600 a quarter, that's all we can
    // spare"): the budget is too small either way, which is no contradiction.
    const onlySmallAmounts = allocatedCue === undefined && amounts.length > 0 && amounts.every((match) => this.belowMinimum(ceiling(match.amount)));
    const possibles = matches.filter((match) => match.level === 'possible' && (match.tag !== 'contextual' || (hasCommitment && !onlySmallAmounts)));
    const possible = possibles.find((match) => match.tag !== 'contextual') ?? possibles[0];
    const none = matches.find((match) => match.level === 'none');

    const findings: Finding[] = [];
    // "We're discussing a budget of 100 to 150k", "on pense à environ 70 000 €, rien n'est validé": the amount is the
    // one under discussion, one answer (possible). Said first and doubted after ("30k… well, not approved yet"), it
    // stays two answers that contradict each other.
    const discussed = amount && possible && !possible.weak && possible.tag !== 'contextual' && possible.start < amount.start && sameSentence(reading, possible.start, amount.start);
    if (amount && discussed && amount.amount.value > 0) {
      return [{ level: 'possible', start: Math.min(possible.start, amount.start), end: Math.max(possible.end, amount.end), amount: amount.amount }];
    }
    if (amount && amount.amount.value === 0) {
      findings.push({ level: 'none', start: amount.start, end: amount.end });
    } else if (amount) {
      findings.push({ level: 'allocated', start: amount.start, end: amount.end, amount: amount.amount });
    } else if (allocatedCue) {
      findings.push({ level: 'allocated', start: allocatedCue.start, end: allocatedCue.end, weak: allocatedCue.weak });
    }
    if (possible) findings.push({ level: 'possible', start: possible.start, end: possible.end, weak: possible.weak });
    // "Pas encore de budget, c'est en discussion" is one answer: possible. "30 k€… enfin non, rien" is two.
    const noneStandsApart = hasCommitment || !possible;
    if (none && noneStandsApart && !findings.some((finding) => finding.level === 'none')) {
      findings.push({ level: 'none', start: none.start, end: none.end, weak: none.weak });
    }
    return findings;
  }
}

/** The most an amount may be: the top of a range ("2 to 4k"), else the amount. */
function ceiling(amount: Amount): Amount {
  return amount.upTo === undefined ? amount : { ...amount, value: amount.upTo };
}

/** Where the sentence before the one containing `at` starts (or this one's start when it is the first). */
function previousSentenceStart(reading: Reading, at: number): number {
  const sentences = reading.segments.sentences;
  const index = sentences.findIndex((span) => span.start <= at && at < span.end);
  return sentences[Math.max(0, index - 1)]?.start ?? 0;
}

function sameSentence(reading: Reading, a: number, b: number): boolean {
  return reading.segments.sentences.some((span) => span.start <= a && a < span.end && span.start <= b && b < span.end);
}
