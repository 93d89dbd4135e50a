import { z } from 'zod';
import { BudgetReader } from '../extraction/rules/readers/budget-reader.js';
import { yearlyAmount } from '../playbook/queries.js';
import type { Amount } from '../qualification/types.js';
import type { DimensionKind } from './kind.js';

const PERIODS = ['once', 'month', 'year'] as const;
const CURRENCY_ALIASES: Record<string, string> = { '€': 'EUR', EURO: 'EUR', EUROS: 'EUR', $: 'USD', 'US$': 'USD', '£': 'GBP', 'K€': 'EUR' };

/** Budget / money: allocated, possible, none, and any amount, compared per year with the dimension's minimum. */
export const budgetKind: DimensionKind = {
  id: 'budget',
  levels: ['allocated', 'possible', 'none', 'below_minimum'],
  rulesReader: (dimension, playbook, extra) => {
    const minimum = dimension.minimumYearlyAmount;
    const belowMinimum = (amount: Amount) => minimum !== undefined && (yearlyAmount(playbook, amount) ?? Number.POSITIVE_INFINITY) < minimum;
    const reader = new BudgetReader(playbook.currency, extra, belowMinimum);
    return { read: (reading, asked) => ({ findings: reader.read(reading, asked) }) };
  },
  llmFields: {
    amount: z.number().nullish(),
    amountUpTo: z.number().nullish(),
    currency: z.string().nullish(),
    period: z.enum(PERIODS).nullish(),
  },
  llmDetails: (raw, fact, playbook) => {
    if (!isCount(raw.amount)) return;
    const amount: Amount = { value: raw.amount, currency: currencyCode(raw.currency, playbook.currency), period: raw.period ?? 'once' };
    if (isCount(raw.amountUpTo) && raw.amountUpTo > raw.amount) amount.upTo = raw.amountUpTo;
    fact.amount = amount;
  },
  effectiveLevel: (playbook, dimension, fact) => {
    if (!fact.amount || dimension.minimumYearlyAmount === undefined) return undefined;
    const has = (id: string) => dimension.levels.some((level) => level.id === id);
    const yearly = yearlyAmount(playbook, fact.amount);
    if (yearly === undefined) return undefined;
    if (yearly < dimension.minimumYearlyAmount && has('below_minimum')) {
      return { levelId: 'below_minimum', why: `${formatMoney(yearly, playbook.currency)}/year is below the minimum ${formatMoney(dimension.minimumYearlyAmount, playbook.currency)}` };
    }
    if (yearly >= dimension.minimumYearlyAmount && (fact.value === 'below_minimum' || fact.value === 'none') && has('allocated')) {
      return { levelId: 'allocated', why: `${formatMoney(yearly, playbook.currency)}/year meets the minimum` };
    }
    return undefined;
  },
};

function currencyCode(raw: string | null | undefined, fallback: string): string {
  const value = (raw ?? '').trim().toUpperCase();
  const code = CURRENCY_ALIASES[value] ?? value;
  return /^[A-Z]{3}$/.test(code) ? code : fallback;
}

function isCount(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function formatMoney(value: number, currency: string): string {
  return `${Math.round(value).toLocaleString('en-US')} ${currency}`;
}
