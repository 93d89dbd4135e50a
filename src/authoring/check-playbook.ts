import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { indexWords, PhraseMatcher } from '../extraction/rules/engine/phrases.js';
import { SLOTS } from '../extraction/rules/engine/vocabulary.js';
import type { Extraction } from '../extraction/extractor.js';
import { RulesExtractor } from '../extraction/rules/rules-extractor.js';
import { normalize } from '../extraction/rules/text/normalize.js';
import { toLocale } from '../i18n/locale-tags.js';
import type { Playbook } from '../playbook/schema.js';
import { LOCALES, type Locale } from '../qualification/types.js';
import { readLabelledCase } from '../replay/labelled-case.js';
import { decide, effectiveLevel } from '../scoring/scorer.js';

/**
 * What `qualibot playbook check` finds in a playbook that loaded (zod already named any bad field): which of its
 * own examples and counterexamples the offline reader gets wrong, which levels and knockouts have none, and which
 * of its words a labelled set never says. Everything here is read offline, with the rules extractor.
 */
export interface ExampleFailure {
  /** Where the sentence is in the playbook: `dimensions.challenge.levels.clear_problem.examples.fr[0]`. */
  where: string;
  sentence: string;
  /** What the reader made of it: the level it read, or the knockouts it saw. */
  read: string;
}

export interface PlaybookCheckReport {
  examplesRun: number;
  failures: ExampleFailure[];
  /**
   * `challenge.none (fr, en)`: a level with no example in those languages. `own` are read from this playbook's
   * words (need and custom dimensions, knockouts without a built-in signal); `builtIn` from the engine's
   * knowledge of roles, amounts, dates, sizes and the built-in signals, where examples are optional.
   */
  levelsWithoutExamples: { own: string[]; builtIn: string[] };
  knockoutsWithoutExamples: { own: string[]; builtIn: string[] };
  vocabularySize: Record<Locale, number>;
  /** Phrases listed in more than one phrase list of a language: which list a visitor's words belong to is then a guess. */
  sharedPhrases: string[];
  /** Present when a labelled set was given. */
  labelledSet?: { dir: string; cases: number; messages: number; neverSaid: string[] };
}

/** One message as the bot would read it: in a language, maybe as the answer to a dimension's question. */
interface Message {
  text: string;
  locale: Locale;
  asked?: string;
}

export function checkPlaybook(playbook: Playbook, options: { labelledDir?: string } = {}): PlaybookCheckReport {
  const extractor = new RulesExtractor(playbook, { warmUp: false });
  const read = (message: Message) => extractor.read({ text: message.text, locale: message.locale, askedDimension: message.asked, turn: 1, known: {}, history: [] });
  const failures: ExampleFailure[] = [];
  let examplesRun = 0;

  for (const dimension of playbook.dimensions) {
    for (const level of dimension.levels) {
      for (const [field, wanted] of [['examples', true], ['counterexamples', false]] as const) {
        for (const locale of LOCALES) {
          (level[field]?.[locale] ?? []).forEach((sentence, index) => {
            examplesRun += 1;
            const fact = read({ text: sentence, locale, asked: dimension.id }).facts.find((found) => found.dimension === dimension.id);
            // The level the scorer gives it: an amount under the minimum scores as below_minimum, a headcount under the ICP as below_icp_size.
            const scored = fact ? effectiveLevel(playbook, dimension, fact).levelId : undefined;
            if ((scored === level.id) !== wanted) {
              failures.push({ where: `dimensions.${dimension.id}.levels.${level.id}.${field}.${locale}[${index}]`, sentence, read: scored ? `read as ${scored}` : 'nothing read' });
            }
          });
        }
      }
    }
  }

  // A knockout may show in any answer: it is looked for unasked and as the answer to each question.
  const askedEach = [undefined, ...playbook.dimensions.map((dimension) => dimension.id)];
  for (const knockout of playbook.knockouts) {
    for (const [field, wanted] of [['examples', true], ['counterexamples', false]] as const) {
      for (const locale of LOCALES) {
        (knockout[field]?.[locale] ?? []).forEach((sentence, index) => {
          examplesRun += 1;
          const seen = new Set(askedEach.flatMap((asked) => knockoutsScored(playbook, read({ text: sentence, locale, asked }))));
          if (seen.has(knockout.id) !== wanted) {
            failures.push({ where: `knockouts.${knockout.id}.${field}.${locale}[${index}]`, sentence, read: seen.size ? `knockouts seen: ${[...seen].join(', ')}` : 'no knockout seen' });
          }
        });
      }
    }
  }

  const report: PlaybookCheckReport = {
    examplesRun,
    failures,
    levelsWithoutExamples: split(
      playbook.dimensions.flatMap((dimension) => dimension.levels.map((level) => ({ own: OWN_WORDS_KINDS.has(dimension.kind), missing: missing(`${dimension.id}.${level.id}`, level.examples) }))),
    ),
    // A knockout read only from a lookup (`enrichment:`, no phrases) has no sentences to exemplify.
    knockoutsWithoutExamples: split(
      playbook.knockouts
        .filter((knockout) => !(knockout.enrichment && !knockout.signal && !knockout.phrases && !knockout.patterns))
        .map((knockout) => ({ own: knockout.signal === undefined, missing: missing(knockout.id, knockout.examples) })),
    ),
    sharedPhrases: sharedPhrases(playbook),
    vocabularySize: { fr: SLOTS.reduce((sum, slot) => sum + playbook.vocabulary[slot].fr.length, 0), en: SLOTS.reduce((sum, slot) => sum + playbook.vocabulary[slot].en.length, 0) },
  };
  if (options.labelledDir) report.labelledSet = vocabularyCoverage(playbook, options.labelledDir);
  return report;
}

/** The knockouts the scorer would apply to one reading: those read, and a headcount under the ICP (the size knockout). */
function knockoutsScored(playbook: Playbook, extraction: Extraction): string[] {
  const facts = Object.fromEntries(extraction.facts.map((fact) => [fact.dimension, fact]));
  return decide(playbook, { facts, knockouts: extraction.knockouts, contradictions: {}, unclear: [], complete: false }).knockouts.map((hit) => hit.id);
}

/** Dimension kinds read from the playbook's own words (its vocabulary, its level phrases). */
const OWN_WORDS_KINDS = new Set(['need', 'custom']);

function split(entries: { own: boolean; missing: string[] }[]): { own: string[]; builtIn: string[] } {
  return { own: entries.filter((entry) => entry.own).flatMap((entry) => entry.missing), builtIn: entries.filter((entry) => !entry.own).flatMap((entry) => entry.missing) };
}

function missing(name: string, examples: Partial<Record<Locale, string[]>> | undefined): string[] {
  const without = LOCALES.filter((locale) => !examples?.[locale]?.length);
  return without.length ? [`${name} (${without.join(', ')})`] : [];
}

/** Every phrase list of the playbook: its vocabulary, and the phrases of its levels and knockouts. */
function phraseLists(playbook: Playbook): { id: string; scope: string; phrases: Record<Locale, string[]> }[] {
  return [
    ...SLOTS.map((slot) => ({ id: `vocabulary.${slot}`, scope: 'vocabulary', phrases: playbook.vocabulary[slot] })),
    ...playbook.dimensions.flatMap((dimension) =>
      dimension.levels.filter((level) => level.phrases).map((level) => ({ id: `dimensions.${dimension.id}.levels.${level.id}.phrases`, scope: dimension.id, phrases: level.phrases! })),
    ),
    ...playbook.knockouts.filter((knockout) => knockout.phrases).map((knockout) => ({ id: `knockouts.${knockout.id}.phrases`, scope: 'knockouts', phrases: knockout.phrases! })),
  ];
}

/**
 * `"lead generation" (en): vocabulary.problems, vocabulary.offer` for each phrase two lists of one language and one
 * scope hold (the vocabulary's lists, one dimension's levels, the knockouts); two dimensions may share a phrase.
 */
function sharedPhrases(playbook: Playbook): string[] {
  const lists = phraseLists(playbook);
  return LOCALES.flatMap((locale) => {
    const owners = new Map<string, Set<string>>();
    for (const list of lists) {
      for (const phrase of list.phrases[locale] ?? []) {
        const key = `${list.scope}\u0000${normalize(phrase)}`;
        (owners.get(key) ?? owners.set(key, new Set()).get(key)!).add(list.id);
      }
    }
    return [...owners].filter(([, ids]) => ids.size > 1).map(([key, ids]) => `"${key.split('\u0000')[1]}" (${locale}): ${[...ids].join(', ')}`);
  });
}

/** The vocabulary phrases (and level and knockout phrases) that no visitor message of the labelled set says. */
function vocabularyCoverage(playbook: Playbook, dir: string): NonNullable<PlaybookCheckReport['labelledSet']> {
  const groups = phraseLists(playbook);
  // One matcher per phrase list and language, so a hit names exactly which list it came from.
  const matchers = groups.flatMap((group) =>
    LOCALES.map((locale) => ({ id: `${group.id}.${locale}`, locale, matcher: new PhraseMatcher([{ id: group.id, phrases: { fr: [], en: [], [locale]: group.phrases[locale] } }]) })),
  );
  const said = new Set<string>();
  const cases = readdirSync(dir).filter((name) => name.endsWith('.json')).sort().map((name) => readLabelledCase(join(dir, name)));
  let messages = 0;
  for (const labelled of cases) {
    const locale = toLocale(labelled.locale) ?? 'fr';
    const texts = labelled.answers ? Object.values(labelled.answers) : (labelled.visitor ?? []);
    for (const text of texts) {
      messages += 1;
      const words = indexWords(normalize(text));
      for (const { id, matcher } of matchers.filter((entry) => entry.locale === locale)) {
        // Every phrase said counts, even one a longer phrase of the same list overlaps.
        for (const hit of matcher.find(words)) said.add(`${id}\u0000${hit.phrase}`);
      }
    }
  }
  const neverSaid = matchers.flatMap(({ id, locale }) => {
    const list = groups.find((group) => id === `${group.id}.${locale}`)!.phrases[locale];
    const unsaid = list.filter((phrase) => !said.has(`${id}\u0000${phrase}`));
    return unsaid.length ? [`${id}: ${unsaid.map((phrase) => `"${phrase}"`).join(', ')}`] : [];
  });
  return { dir, cases: cases.length, messages, neverSaid };
}

/** The report as the CLI prints it. */
export function formatCheckReport(file: string, playbook: Playbook, report: PlaybookCheckReport): string {
  const lines = [`${file}: valid — ${playbook.name} (${playbook.framework}, ${playbook.dimensions.length} dimensions, ${playbook.knockouts.length} knockouts)`, ''];
  const passed = report.examplesRun - report.failures.length;
  lines.push(`Examples: ${report.examplesRun} run, ${passed} read as written${report.failures.length ? `, ${report.failures.length} not:` : '.'}`);
  for (const failure of report.failures) lines.push(`  ✗ ${failure.where}: "${failure.sentence}" — ${failure.read}`);
  if (report.sharedPhrases.length) {
    lines.push('', `Phrases in more than one list (keep each in one: the reader cannot tell which you meant): ${report.sharedPhrases.length}`);
    for (const entry of report.sharedPhrases) lines.push(`  ! ${entry}`);
  }
  lines.push('', 'Coverage:');
  const size = report.vocabularySize;
  lines.push(`  vocabulary: ${size.fr} French and ${size.en} English phrases${size.fr && size.en ? '' : ' — without them the offline reader cannot read your buyers\u2019 problems (see "Qualify for your own business" in the README)'}`);
  const list = (entries: string[]) => (entries.length ? entries.join('; ') : 'none');
  lines.push(`  levels read from your words, without examples: ${list(report.levelsWithoutExamples.own)}`);
  lines.push(`  knockouts of your own, without examples: ${list(report.knockoutsWithoutExamples.own)}`);
  lines.push(`  built-in levels without examples (optional: the engine knows roles, amounts, dates, sizes): ${list(report.levelsWithoutExamples.builtIn)}`);
  lines.push(`  built-in knockouts without examples (optional): ${list(report.knockoutsWithoutExamples.builtIn)}`);
  if (report.labelledSet) {
    const set = report.labelledSet;
    lines.push(`  labelled set ${set.dir}: ${set.cases} cases, ${set.messages} visitor messages; phrases never said:${set.neverSaid.length ? '' : ' none'}`);
    for (const entry of set.neverSaid) lines.push(`    ${entry}`);
  }
  return lines.join('\n');
}
