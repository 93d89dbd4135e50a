import type { Amount } from '../../../qualification/types.js';
import { corrects } from '../engine/corrections.js';
import { PrefilteredRegExp } from '../engine/literal-prefilter.js';
import { clauseOf, sentenceOf, sentenceText, textOf, type Reading } from '../engine/reading.js';
import { AMOUNT_CORRECTION } from '../lexicon/budget.js';
import { CURRENCIES, MONEY_WORDS, NOT_MONEY_AFTER, PERIODS, RANGE_JOIN, RANGE_LEAD } from '../lexicon/money.js';
import type { NumberToken } from '../numbers/find-numbers.js';

/** An amount of money in the message, where it was said. */
export interface AmountMatch {
  start: number;
  end: number;
  amount: Amount;
}

// A signing limit or threshold is not a budget ("je signe jusqu'à 50 k€", "anything above $10k goes to the board").
const THRESHOLD_BEFORE = new PrefilteredRegExp(/(?:\b(?:delegation|sign\w*|valid\w*|approv\w*|decid\w*|autoris\w*|engage\w*)\b[^.;!?]{0,30}\b(?:jusqu'a|up to|above|over|under|below|au-dessus de|au-dela de|beyond)|\b(?:anything|everything|tout ce qui|any spend|any purchase|tout achat|toute depense) (?:above|over|under|below|beyond|depasse|au-dessus de|au-dela de|de plus de|of more than))\s*(?:[€$£]\s*)?$/);
const FUNDING = new PrefilteredRegExp(/\b(?:leve|levee|levons|raised|raise|raising|funding round|series [a-d]|seed round|chiffre d'affaires|ca de|de ca|d'ca|revenue|revenues|turnover|arr|mrr|valuation|valorisation|capital)\b/);
const AFTER = CURRENCIES.map((currency) => ({ code: currency.code, regex: new PrefilteredRegExp(new RegExp(`^ ?(?:${currency.after})`)) }));
const BEFORE = CURRENCIES.map((currency) => ({ code: currency.code, regex: new PrefilteredRegExp(new RegExp(`(?:${currency.before}) ?$`)) }));
// Tested on the words around each number, prefiltered on the whole message (what a part contains, the whole does).
const NOT_MONEY = new PrefilteredRegExp(NOT_MONEY_AFTER);
const ABOUT_MONEY = new PrefilteredRegExp(MONEY_WORDS);
const PERIOD_WORDS = PERIODS.map((entry) => ({ period: entry.period, after: new PrefilteredRegExp(entry.after), before: entry.before && new PrefilteredRegExp(entry.before) }));

/**
 * Money amounts: a number with a currency ("4 000 €", "$5,000", "5 000 CHF"), or with a scale in a
 * sentence about money ("budget 50K"), or any plain number answering the budget question ("5000").
 * Phone numbers are already blanked out; headcounts, percentages and durations are not money.
 */
export function readAmounts(reading: Reading, defaultCurrency: string, asked: boolean): AmountMatch[] {
  const tokens = reading.numbers.filter((token) => token.kind !== 'article');
  const money: (AmountMatch & { token: NumberToken })[] = [];
  for (const token of tokens) {
    const currency = currencyOf(reading.folded, token);
    const after = reading.folded.slice(token.end, token.end + 24);
    const marked = reading.marked ?? reading.folded;
    if (!currency && NOT_MONEY.test(marked.slice(token.end, token.end + 24), marked)) continue;
    if (THRESHOLD_BEFORE.test(reading.folded.slice(clauseOf(reading, token.start).start, token.start), reading.folded)) continue;
    // Funds raised or turnover are not a budget for us ("nous avons levé 2 M€", "CA de 5 M€").
    if (FUNDING.test(textOf(reading, clauseOf(reading, token.start)), reading.folded) && !/budg?e?t/.test(textOf(reading, clauseOf(reading, token.start)))) continue;
    const aboutMoney = asked || ABOUT_MONEY.test(sentenceText(reading, token.start, token.end), reading.folded);
    const yearLike = token.scale === 1 && token.value >= 1900 && token.value <= 2100 && Number.isInteger(token.value);
    // "40K a year", "2k/mois": a scaled number with a period is money even without the word "budget".
    const withPeriod = token.scale > 1 && PERIOD_WORDS.some((entry) => entry.period !== 'once' && entry.after.test(after, reading.folded));
    const accepted = currency !== undefined || withPeriod || (aboutMoney && token.scale > 1) || (aboutMoney && !yearLike && token.value >= 100);
    if (!accepted) continue;
    money.push({ token, start: token.start, end: token.end, amount: { value: token.value, currency: currency ?? defaultCurrency, period: 'once' } });
  }
  const merged = mergeRanges(reading, tokens, money);
  for (const match of merged) {
    const period = periodOf(reading, match.start, match.end);
    if (period === 'quarter') {
      match.amount = { ...match.amount, value: match.amount.value * 4, upTo: match.amount.upTo === undefined ? undefined : match.amount.upTo * 4, period: 'year' };
    } else {
      match.amount = { ...match.amount, period };
    }
    if (match.amount.upTo === undefined) delete match.amount.upTo;
  }
  return merged.map(({ start, end, amount }) => ({ start, end, amount }));
}

/** The amount the visitor means: the later one after a correction ("2 000 €… pardon, 20 000 €"), else the first. */
export function chosenAmount(reading: Reading, amounts: readonly AmountMatch[]): AmountMatch | undefined {
  let chosen = amounts[0];
  for (const next of amounts.slice(1)) {
    if (chosen && (AMOUNT_CORRECTION.test(reading.folded.slice(chosen.end, next.start)) || corrects(reading, chosen, next))) chosen = next;
  }
  return chosen;
}

function currencyOf(folded: string, token: NumberToken): string | undefined {
  if (token.currency) return token.currency;
  const after = folded.slice(token.end, token.end + 24);
  const before = folded.slice(Math.max(0, token.start - 6), token.start);
  return AFTER.find((entry) => entry.regex.test(after, folded))?.code ?? BEFORE.find((entry) => entry.regex.test(before, folded))?.code;
}

/** "entre 10 et 20 k€" → 10 000 up to 20 000; the first number borrows the scale of the second. */
function mergeRanges(reading: Reading, tokens: readonly NumberToken[], money: (AmountMatch & { token: NumberToken })[]): AmountMatch[] {
  const result: AmountMatch[] = [];
  const used = new Set<NumberToken>();
  for (let index = 0; index < tokens.length; index++) {
    const first = tokens[index];
    const second = tokens[index + 1];
    if (!first) continue;
    const secondMoney = second ? money.find((match) => match.token === second) : undefined;
    const firstMoney = money.find((match) => match.token === first);
    if (second && secondMoney && RANGE_JOIN.test(reading.folded.slice(first.end, second.start))) {
      let low = first.value;
      if (first.scale === 1 && low * 100 <= second.value && low * 1000 <= second.value) low *= second.scale > 1 ? second.scale : 1000;
      if (low < second.value) {
        const lead = RANGE_LEAD.exec(reading.folded.slice(Math.max(0, first.start - 10), first.start));
        const currency = secondMoney.amount.currency;
        result.push({ start: first.start - (lead?.[0].length ?? 0), end: second.end, amount: { value: low, currency, period: 'once', upTo: second.value } });
        used.add(first).add(second);
        index++;
        continue;
      }
    }
    if (firstMoney && !used.has(first)) result.push({ start: firstMoney.start, end: firstMoney.end, amount: firstMoney.amount });
  }
  return result;
}

function periodOf(reading: Reading, start: number, end: number): Amount['period'] | 'quarter' {
  const clause = clauseOf(reading, start);
  const sentenceEnd = Math.max(clause.end, end);
  const after = reading.folded.slice(end, Math.min(reading.folded.length, sentenceEnd + 30));
  // Words before count within the sentence only: "1 500 € par mois… pardon, 1 500 € par trimestre".
  const before = reading.folded.slice(Math.max(sentenceOf(reading, start).start, start - 40), start);
  for (const entry of PERIOD_WORDS) if (entry.after.test(after, reading.folded)) return entry.period;
  for (const entry of PERIOD_WORDS) if (entry.before?.test(before, reading.folded)) return entry.period;
  return 'once';
}
