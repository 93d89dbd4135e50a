import type { z } from 'zod';
import type { Cue } from '../extraction/rules/engine/cue.js';
import type { Finding, Reading } from '../extraction/rules/engine/reading.js';
import type { Span } from '../extraction/rules/text/segments.js';
import type { ModelFact } from '../extraction/llm/extraction-schema.js';
import type { Dimension, Playbook } from '../playbook/schema.js';
import type { Fact } from '../qualification/types.js';

/** What the rules extractor asks of a kind's reader for one message. */
export interface DimensionReading {
  findings: Finding[];
  /** Where a solo/two-person business was said (company kind): the below-ICP-size knockout. */
  solo?: Span;
}

/** Reads one dimension of a playbook; `asked` is true when the bot just asked about it. */
export interface DimensionReader {
  read(reading: Reading, asked: boolean): DimensionReading;
}

/**
 * One kind of dimension (need, authority, budget, timeline, company, custom): everything the engine knows about
 * it in one place — its level ids, how the rules read it, what the LLM fills for it, how a fact scores. Adding a
 * kind is adding one module to ./index.ts.
 */
export interface DimensionKind {
  id: string;
  /** The level ids the engine produces; a playbook's levels of this kind must use them. Undefined: any (custom). */
  levels?: readonly string[];
  /** Checks a playbook dimension of this kind beyond the schema; returns problems as [path under the dimension, message]. */
  validate?(dimension: Dimension): Array<[path: Array<string | number>, message: string]>;
  /** The rules reader of a dimension; `extra`: the playbook's own phrases and patterns for its levels. */
  rulesReader(dimension: Dimension, playbook: Playbook, extra: readonly Cue[]): DimensionReader;
  /** Fields the model fills for this kind, beyond level, evidence and confidence (each nullish). */
  llmFields: z.ZodRawShape;
  /** Copies the model's detail fields into a fact, tidied (never invented). */
  llmDetails?(raw: ModelFact, fact: Fact, playbook: Playbook): void;
  /** The level a fact scores at when its details say more than its level (an amount, months, a headcount). */
  effectiveLevel?(playbook: Playbook, dimension: Dimension, fact: Fact): { levelId: string; why?: string } | undefined;
  /** A fact at this level is the playbook's `below_icp_size` knockout (company: a headcount under the ICP). */
  knockoutLevel?: string;
  /** A lower reading of this kind said in passing, in an answer to another question, neither contradicts nor lowers it. */
  passingMentionNeverLowers?: boolean;
  /**
   * Its clear findings are the visitor's own problem: they void a soft vendor signal or a "no need" said beside them,
   * and a visitor who is no buyer (a student, a vendor) has none.
   */
  statesTheProblem?: boolean;
  /** The level of a whole short answer ("Oui", "moi", "ASAP") to this kind's question; default: the answer's level. */
  shortAnswerLevel?(dimension: Dimension, answer: { level: string; months?: number }): { level: string; months?: number } | undefined;
}
