import type { Amount, Locale, LocalizedText } from '../qualification/types.js';
import type { Dimension, Level, Playbook } from './schema.js';

export function findDimension(playbook: Playbook, id: string): Dimension | undefined {
  return playbook.dimensions.find((dimension) => dimension.id === id);
}

export function findLevel(dimension: Dimension, levelId: string): Level | undefined {
  return dimension.levels.find((level) => level.id === levelId);
}

export function dimensionsOfKind(playbook: Playbook, kind: Dimension['kind']): Dimension[] {
  return playbook.dimensions.filter((dimension) => dimension.kind === kind);
}

/** The timeline level whose band contains `months` (bands are `maxMonths`, inclusive; the open band last). */
export function timelineLevelFor(dimension: Dimension, months: number): Level | undefined {
  const banded = dimension.levels
    .filter((level) => level.maxMonths !== undefined)
    .sort((a, b) => (a.maxMonths ?? 0) - (b.maxMonths ?? 0));
  const inBand = banded.find((level) => months <= (level.maxMonths ?? Infinity));
  return inBand ?? dimension.levels.find((level) => level.maxMonths === undefined);
}

/** Yearly value of an amount in the playbook currency, or undefined for an unknown currency. */
export function yearlyAmount(playbook: Playbook, amount: Amount): number | undefined {
  const rate = amount.currency === playbook.currency ? 1 : playbook.currencyRates[amount.currency];
  if (rate === undefined) return undefined;
  const perYear = amount.period === 'month' ? 12 : 1;
  return amount.value * perYear * rate;
}

/** Replaces `{resource}`, `{careers}`, ... with the playbook's links and the given values. */
export function render(playbook: Playbook, text: LocalizedText, locale: Locale, values: Record<string, string> = {}): string {
  const all: Record<string, string> = { ...playbook.links, ...values };
  return text[locale].replace(/\{(\w+)\}/g, (match, key: string) => all[key] ?? match);
}

/** Highest points a dimension can bring. */
export function maxPoints(dimension: Dimension): number {
  return Math.min(dimension.weight, Math.max(...dimension.levels.map((level) => level.points)));
}
