/**
 * Every number a visitor's text can be read as, so a number reported by the model can be checked
 * against what the visitor actually wrote. Deliberately generous (a superset of readings):
 * "2.500" yields both 2500 and 2.5, "40k" both 40 and 40000. Grounding only needs to reject
 * numbers that appear nowhere; it never decides which reading is right.
 * Numbers written in words ("fifty thousand") are not read: the rules extractor covers them.
 */

/** Digit groups joined by spaces, dots, commas or apostrophes: "40 000", "1,5", "40'000". */
const NUMBER_RUN = /\d+(?:[ .,'’]\d+)*/g;

/** Scale words and symbols that may follow a number ("40k", "1,5 M€", "50 mille", "2 millions"). */
const SCALES: readonly (readonly [RegExp, number])[] = [
  [/^\s?(?:k|ke|keur|mille|milliers?|thousands?)(?![\p{L}])/iu, 1e3],
  [/^\s?(?:m|mio|mn|millions?)(?![\p{L}])/iu, 1e6],
  [/^\s?(?:bn|md|mds|milliards?|billions?)(?![\p{L}])/iu, 1e9],
];

/** Words between two numbers that make a range, so "10-20k" also reads 10 as 10000. */
const RANGE_JOINER = /^\s*(?:-|–|—|\/|to|and|or|à|a|et|ou)\s*$/iu;

interface NumberToken {
  readings: number[];
  scale?: number;
  start: number;
  end: number;
}

export function numbersIn(text: string): Set<number> {
  const normalized = text.normalize('NFKC').replace(/\s/g, ' ');
  const tokens: NumberToken[] = [];
  for (const match of normalized.matchAll(NUMBER_RUN)) {
    const run = match[0];
    const start = match.index ?? 0;
    const after = normalized.slice(start + run.length);
    const scale = SCALES.find(([pattern]) => pattern.test(after))?.[1];
    tokens.push({ readings: readingsOf(run), scale, start, end: start + run.length });
  }
  const found = new Set<number>();
  tokens.forEach((token, index) => {
    for (const reading of token.readings) {
      found.add(reading);
      if (token.scale) found.add(round(reading * token.scale));
    }
    const next = tokens[index + 1];
    if (!token.scale && next?.scale && RANGE_JOINER.test(normalized.slice(token.end, next.start))) {
      for (const reading of token.readings) found.add(round(reading * next.scale));
    }
  });
  return found;
}

/** True when `value` is one of the readings of the texts (tolerant to float noise: 1.5 * 1000). */
export function numberAppearsIn(value: number, texts: readonly string[]): boolean {
  if (!Number.isFinite(value)) return false;
  return texts.some((text) => [...numbersIn(text)].some((reading) => Math.abs(reading - value) <= 1e-9 * Math.max(1, Math.abs(value))));
}

function readingsOf(run: string): number[] {
  const readings = new Set<number>();
  // Grouped thousands in any convention: "40 000", "40,000", "40.000", "40'000".
  readings.add(Number(run.replace(/\D/g, '')));
  // The last dot or comma as a decimal mark: "1,5", "2.5", "1 234,56".
  const decimal = /^(.*)[.,](\d+)$/.exec(run);
  if (decimal) readings.add(Number(`${(decimal[1] ?? '').replace(/\D/g, '') || '0'}.${decimal[2]}`));
  // Space-separated pieces may be separate numbers: "3 6" is not 36.
  if (run.includes(' ')) for (const piece of run.split(' ')) for (const reading of readingsOf(piece)) readings.add(reading);
  return [...readings].filter(Number.isFinite);
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
