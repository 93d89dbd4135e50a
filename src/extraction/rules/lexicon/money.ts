import { z } from 'zod';
import { expand } from '../engine/cue.js';
import { table, term } from '../engine/cue-file.js';

/**
 * Currencies, periods and the words that make a number money (language/money.yaml). Patterns are folded text
 * (lower case, no accents); order matters (CAD before USD: "C$").
 */

const currencyRow = z.object({ code: z.string().min(1), after: z.string().min(1), before: z.string().min(1) });

export const CURRENCIES: readonly { code: string; after: string; before: string }[] = table('money', 'currencies', currencyRow);

/** A number followed by one of these is a count of something else, not money (the company's words: read on the marked text). */
export const NOT_MONEY_AFTER = new RegExp(expand(term('money', 'not_money_after')), '');

const periodRow = z.object({
  period: z.enum(['month', 'year', 'quarter', 'once']),
  after: z.string().min(1),
  before: z.string().min(1).optional(),
});

export const PERIODS: readonly { period: 'month' | 'year' | 'quarter' | 'once'; after: RegExp; before?: RegExp }[] = table('money', 'periods', periodRow).map(
  (row) => (row.before === undefined ? { period: row.period, after: new RegExp(row.after, '') } : { period: row.period, after: new RegExp(row.after, ''), before: new RegExp(row.before, '') }),
);

/** Words that make a sentence about money, so "50K" or "c'est validé" in it count. */
export const MONEY_WORDS = new RegExp(term('money', 'money_words'), '');

/** Between two numbers: a range ("entre 10 et 20 k€", "5k-10k", "3 000 à 5 000 €"). */
export const RANGE_JOIN = new RegExp(term('money', 'range_join'), '');
export const RANGE_LEAD = new RegExp(term('money', 'range_lead'), '');
