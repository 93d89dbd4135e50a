import type { Contact, DisputedKnockout, Fact, KnockoutHit, LlmUsage, Locale } from '../qualification/types.js';

/** One visitor message, with what the extractor needs to read it in context. */
export interface ExtractionInput {
  /** The visitor's message, already sanitised (control, zero-width and tag characters removed). */
  text: string;
  locale: Locale;
  /** The region of the visitor's locale tag ("AU" for en-AU, "BE" for fr-BE), when the channel gave one. */
  region?: string;
  /** The dimension the bot just asked about, if any: answers are read first against it. */
  askedDimension?: string;
  /** 1-based index of this visitor message in the conversation. */
  turn: number;
  /** Current facts per dimension, so extractors can resolve "same as before" or detect changes. */
  known: Readonly<Record<string, Fact>>;
  /** Earlier visitor messages, oldest first (grounding may quote any of them). */
  history: readonly string[];
  /** The lead (one per conversation) this message belongs to: lets a wrapper budget model calls per conversation. */
  leadId?: string;
  /** Lets a slow extractor give up when the turn is abandoned. */
  signal?: AbortSignal;
}

export interface Extraction {
  facts: Fact[];
  knockouts: KnockoutHit[];
  contact: Contact;
  usage: LlmUsage;
  /** Which extractor(s) produced this, e.g. `rules`, `llm+rules`, `rules (llm fallback: timeout)`. */
  extractor: string;
  /** Optional acknowledgement/rephrasing of the next question (LLM_REPHRASE), never a decision. */
  rephrasedQuestion?: string;
  /**
   * The extractor has no knowledge of the message's language (the rules reader without a lexicon for it): it read
   * nothing but contact details, and has no opinion (no facts, no knockouts, nothing to dispute).
   */
  notRead?: boolean;
  /** Knockouts only one of two extractors saw in this message (merge-extractions.ts). */
  disputedKnockouts?: DisputedKnockout[];
}

/**
 * Port: turns one visitor message into facts for any dimension of the playbook.
 * Implementations: the offline rules extractor, and the LLM extractor (merged with rules).
 */
export interface Extractor {
  readonly name: string;
  extract(input: ExtractionInput): Promise<Extraction>;
}
