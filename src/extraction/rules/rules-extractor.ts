import { kindOf, type DimensionReader } from '../../dimensions/index.js';
import { findLevel } from '../../playbook/queries.js';
import type { Dimension, Playbook } from '../../playbook/schema.js';
import { NO_USAGE, type Fact, type KnockoutHit, type Locale } from '../../qualification/types.js';
import type { Extraction, ExtractionInput, Extractor } from '../extractor.js';
import { hiddenSpans, readContact } from './readers/contact-reader.js';
import { readJobTitle } from './readers/job-title-reader.js';
import { KnockoutReader } from './readers/knockout-reader.js';
import { readShortAnswer } from './readers/short-answers.js';
import { correctsEarlierAnswer, findCorrections, findEarlierAnswerCorrections, withoutCorrected } from './engine/corrections.js';
import { compileGatedRegExps } from './engine/literal-prefilter.js';
import { indexWords } from './engine/phrases.js';
import { VocabularyReader } from './engine/vocabulary.js';
import { knockoutPatternCues, levelPatternCues } from './engine/playbook-patterns.js';
import { warmUpMessages } from './engine/warm-up.js';
import { clauseOf, textOf, type Finding, type Reading } from './engine/reading.js';
import { NEED_SATISFIED } from './lexicon/need.js';
import { findNumbers } from './numbers/find-numbers.js';
import { blankOut, normalize } from './text/normalize.js';
import { evidence, segment, type Span } from './text/segments.js';
import { detectLocale } from '../detect-locale.js';
import { hasLexicon } from './lexicon-locales.js';

/** Construction options of the rules extractor. */
export interface RulesExtractorOptions {
  /** The clock for relative dates ("d'ici la rentrée", "en mars"); injectable for tests and replays. */
  now?: () => Date;
  /** Compile every lexicon regex now (default) rather than on first use: no visitor's turn pays for it. */
  warmUp?: boolean;
}


// Signals whose visitor is not a buyer: what they say about "needs" is not a need of ours.
const NOT_A_BUYER = new Set(['student', 'job_seeker', 'vendor', 'no_need']);
// Signals a problem of the visitor's own outweighs: "we don't need more leads… what we need is meetings".
const VOID_WHEN_NEED_STATED = new Set(['no_need']);

/**
 * The offline extractor: lexicons (data, one file per kind) read by a generic cue engine, with numbers
 * and dates read from tables too. Pure CPU, no I/O: everything is compiled (and warmed) in the
 * constructor, and each message is read for every dimension of the playbook at once.
 */
export class RulesExtractor implements Extractor {
  readonly name = 'rules';
  private readonly now: () => Date;
  private readonly readers: Array<{ dimension: Dimension; read: DimensionReader['read'] }>;
  private readonly knockoutReader: KnockoutReader;
  private readonly sizeKnockoutId?: string;
  private readonly notABuyer: Set<string>;
  private readonly voidWhenNeedStated: Set<string>;
  private readonly vocabulary: VocabularyReader;
  /** Dimensions whose findings are the visitor's own problem (need kinds: src/dimensions). */
  private readonly problemDimensions: Set<string>;

  constructor(
    private readonly playbook: Playbook,
    options: RulesExtractorOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.vocabulary = new VocabularyReader(playbook.vocabulary);
    this.problemDimensions = new Set(playbook.dimensions.filter((dimension) => kindOf(dimension).statesTheProblem).map((dimension) => dimension.id));
    this.readers = playbook.dimensions.map((dimension) => this.readerFor(dimension));
    this.knockoutReader = new KnockoutReader(playbook, knockoutPatternCues(playbook));
    this.sizeKnockoutId = playbook.knockouts.find((knockout) => knockout.signal === 'below_icp_size')?.id;
    this.notABuyer = new Set(playbook.knockouts.filter((knockout) => knockout.signal && NOT_A_BUYER.has(knockout.signal)).map((knockout) => knockout.id));
    this.voidWhenNeedStated = new Set(playbook.knockouts.filter((knockout) => knockout.signal && VOID_WHEN_NEED_STATED.has(knockout.signal)).map((knockout) => knockout.id));
    if (options.warmUp ?? true) this.warmUp();
  }

  /** Compiles every lexicon regex now (~0.5 s once per process), so no visitor's turn pays for it. */
  private warmUp(): void {
    // Most regexes are skipped on messages without their words (the literal prefilter): compiled here.
    compileGatedRegExps();
    for (const { locale, text } of warmUpMessages(this.playbook.vocabulary)) {
      for (const dimension of [undefined, ...this.playbook.dimensions.map((d) => d.id)]) {
        this.read({ text, locale, askedDimension: dimension, turn: 1, known: {}, history: [] });
      }
    }
  }

  async extract(input: ExtractionInput): Promise<Extraction> {
    return this.read(input);
  }

  /** Synchronous core of `extract`. */
  read(input: ExtractionInput): Extraction {
    const original = input.text;
    const { contact, spans } = readContact(original);
    // A language without a lexicon is not read with another one's: "Ich bin CEO" or "kein Budget" must not score by
    // accident of shared words. Only contact details (language-free) are kept; quick replies and the LLM read the rest.
    const unread = unreadLocale(input.locale, original);
    if (unread) return { facts: [], knockouts: [], contact, usage: NO_USAGE, extractor: `rules (no lexicon: ${unread})`, notRead: true };
    const folded = blankOut(normalize(original), hiddenSpans(original, spans));
    const segments = segment(folded);
    // Corrections first: matching their cues scans the message for literals, a scan every reader after
    // shares (findNumbers included) to skip the regexes that cannot match (engine/literal-prefilter.ts).
    const corrections = findCorrections(folded, segments);
    const words = indexWords(folded);
    const vocabulary = this.vocabulary.read(folded, words);
    const reading: Reading = {
      original,
      folded,
      segments,
      numbers: findNumbers(folded),
      locale: input.locale,
      region: input.region,
      now: this.now(),
      corrections,
      words,
      vocabulary: vocabulary.hits,
      marked: vocabulary.marked,
    };
    const jobTitle = readJobTitle(reading);
    if (jobTitle) contact.jobTitle = jobTitle;
    const quote = (start: number, end: number) => evidence(original, reading.segments, start, end) || original.trim();

    // "Sorry, I meant 80 employees": facts said as a correction replace those of earlier turns (fact sheet).
    const earlierAnswerCorrections = input.turn > 1 ? findEarlierAnswerCorrections(folded, segments) : [];
    const facts: Fact[] = [];
    const needs: Finding[] = [];
    let solo: Span | undefined;
    for (const { dimension, read } of this.readers) {
      const asked = input.askedDimension === dimension.id;
      const result = read(reading, asked);
      solo ??= result.solo;
      // "Next month. Scratch that, more like 9 months": the corrected value only, no contradiction.
      let findings = withoutCorrected(reading, result.findings);
      // A terse need ("Des rendez-vous.") is said in the company's words: read with its vocabulary marked.
      if (asked && findings.length === 0) findings = this.shortAnswer(dimension, reading.marked ?? folded, original);
      if (kindOf(dimension).statesTheProblem) needs.push(...findings);
      for (const finding of findings) {
        if (!findLevel(dimension, finding.level)) continue;
        const fact = this.toFact(dimension, finding, asked, quote(finding.start, finding.end), input.turn);
        if (correctsEarlierAnswer(reading, earlierAnswerCorrections, finding)) fact.correction = true;
        facts.push(fact);
      }
    }
    const knockouts: KnockoutHit[] = this.knockoutReader
      .read(reading)
      .filter((hit) => !((hit.soft || this.voidWhenNeedStated.has(hit.id)) && statesOwnNeed(reading, needs, hit)))
      .map((hit) => ({ id: hit.id, evidence: quote(hit.start, hit.end), turn: input.turn, source: 'rules' }));
    if (this.sizeKnockoutId && solo && !knockouts.some((hit) => hit.id === this.sizeKnockoutId)) {
      knockouts.push({ id: this.sizeKnockoutId, evidence: quote(solo.start, solo.end), turn: input.turn, source: 'rules' });
    }
    const buyer = !knockouts.some((hit) => this.notABuyer.has(hit.id));
    const kept = buyer ? facts : facts.filter((fact) => !this.problemDimensions.has(fact.dimension));
    return { facts: kept, knockouts, contact, usage: NO_USAGE, extractor: 'rules' };
  }

  private readerFor(dimension: Dimension): { dimension: Dimension; read: DimensionReader['read'] } {
    const reader = kindOf(dimension).rulesReader(dimension, this.playbook, levelPatternCues(dimension));
    return { dimension, read: (reading, asked) => reader.read(reading, asked) };
  }

  /** "Oui" to the budget question, "moi" to the authority question, "je ne sais pas" → nothing. */
  private shortAnswer(dimension: Dimension, folded: string, original: string): Finding[] {
    const answer = readShortAnswer(dimension.kind, folded);
    if (!answer || answer.level === null) return [];
    const read = kindOf(dimension).shortAnswerLevel?.(dimension, { level: answer.level, months: answer.months }) ?? { level: answer.level };
    return read ? [{ start: 0, end: original.length, confidence: answer.confidence, level: read.level, months: read.months }] : [];
  }

  private toFact(dimension: Dimension, finding: Finding, asked: boolean, quoted: string, turn: number): Fact {
    const confidence = finding.confidence ?? (asked ? (finding.weak ? 0.6 : 0.9) : finding.weak ? 0.5 : 0.75);
    const fact: Fact = { dimension: dimension.id, value: finding.level, evidence: quoted, confidence, source: 'rules', turn };
    if (finding.amount) fact.amount = finding.amount;
    if (finding.months !== undefined) fact.months = finding.months;
    if (finding.headcount !== undefined) fact.headcount = finding.headcount;
    if (finding.sector) fact.sector = finding.sector;
    return fact;
  }
}

/**
 * Whether the message states a problem of the visitor's own, apart from the knockout words: a clear problem,
 * not a topic hint, and not one they say is solved ("we already book plenty of meetings").
 */
function statesOwnNeed(reading: Reading, needs: readonly Finding[], hit: Span): boolean {
  return needs.some(
    (finding) =>
      finding.level === 'clear_problem' &&
      !finding.weak &&
      (finding.end <= hit.start || finding.start >= hit.end) &&
      !NEED_SATISFIED.test(textOf(reading, clauseOf(reading, finding.start))),
  );
}

/** The language of a message the lexicons cannot read: the conversation's, or the one the message is plainly written in. */
function unreadLocale(locale: Locale, text: string): Locale | undefined {
  if (!hasLexicon(locale)) return locale;
  const written = detectLocale(text);
  return written && !hasLexicon(written) ? written : undefined;
}
