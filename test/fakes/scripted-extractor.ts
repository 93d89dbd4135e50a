import type { Extraction, ExtractionInput, Extractor } from '../../src/extraction/extractor.js';
import type { Fact, KnockoutHit } from '../../src/qualification/types.js';

/**
 * A deterministic Extractor for tests that need a known "rules" reading: each call returns what the
 * script gives for that input (or throws what it throws). Records the inputs it received.
 */
export class ScriptedExtractor implements Extractor {
  readonly inputs: ExtractionInput[] = [];

  constructor(
    private readonly script: (input: ExtractionInput) => Partial<Extraction>,
    readonly name = 'rules',
  ) {}

  /** Always the same reading, whatever the message. */
  static returning(result: Partial<Extraction>, name = 'rules'): ScriptedExtractor {
    return new ScriptedExtractor(() => result, name);
  }

  async extract(input: ExtractionInput): Promise<Extraction> {
    this.inputs.push(input);
    const result = this.script(input);
    return {
      facts: result.facts ?? [],
      knockouts: result.knockouts ?? [],
      contact: result.contact ?? {},
      usage: result.usage ?? { llmCalls: 0, tokensIn: 0, tokensOut: 0 },
      extractor: result.extractor ?? this.name,
      ...(result.rephrasedQuestion !== undefined ? { rephrasedQuestion: result.rephrasedQuestion } : {}),
    };
  }
}

/** A rules-style fact with sensible defaults. */
export function ruleFact(dimension: string, value: string, extra: Partial<Fact> = {}): Fact {
  return { dimension, value, evidence: extra.evidence ?? value, confidence: 0.9, source: 'rules', turn: 1, ...extra };
}

export function ruleKnockout(id: string, evidence: string, turn = 1): KnockoutHit {
  return { id, evidence, turn, source: 'rules' };
}

/** An extractor input for one visitor message (turn = history length + 1 unless given). */
export function inputFor(text: string, extra: Partial<ExtractionInput> = {}): ExtractionInput {
  const history = extra.history ?? [];
  return { text, locale: 'en', turn: history.length + 1, known: {}, history, ...extra };
}
