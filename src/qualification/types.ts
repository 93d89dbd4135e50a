import type { EnrichmentProvenance, LeadEnrichment } from '../enrichment/enrichment.js';

/**
 * The vocabulary shared by extractors, the scorer, the dialogs and storage.
 * Everything here is plain data so it can be stored, replayed and re-scored.
 */

export type Locale = 'fr' | 'en' | 'de';
export const LOCALES: readonly Locale[] = ['fr', 'en', 'de'] as const;

/** A text that exists in every locale. */
export type LocalizedText = Record<Locale, string>;

export type AmountPeriod = 'once' | 'month' | 'year';

/** A money amount as the visitor stated it, plus its yearly value in the playbook currency. */
export interface Amount {
  value: number;
  currency: string;
  period: AmountPeriod;
  /** Upper bound when the visitor gave a range ("between 10 and 20k"). */
  upTo?: number;
}

/**
 * Where a fact came from. `merged` means both extractors agreed; `enrichment` means no visitor said it: it was looked
 * up from their e-mail domain or website (src/enrichment), and the visitor's own words replace it.
 */
export type FactSource = 'rules' | 'llm' | 'merged' | 'quick-reply' | 'enrichment';

/**
 * One structured fact about the lead, always grounded in the visitor's own words.
 * `value` is one of the dimension's level ids in the playbook.
 */
export interface Fact {
  dimension: string;
  value: string;
  /** The visitor's own words that support the fact. */
  evidence: string;
  /** 0..1: how sure the extractor is. */
  confidence: number;
  source: FactSource;
  /** Index of the visitor message the fact was extracted from (1-based). */
  turn: number;
  amount?: Amount;
  /** Timeline in months from now. */
  months?: number;
  headcount?: number;
  sector?: string;
  /** Set when two extractors disagree on this dimension. */
  uncertain?: boolean;
  /** The visitor said this corrects an earlier answer ("sorry, I meant 80"): it replaces the fact of an earlier turn. */
  correction?: boolean;
  /** A fact from enrichment (`source: enrichment`): which adapter said it, about which domain, when. */
  provenance?: EnrichmentProvenance;
}

/** A knockout criterion detected in the visitor's words. */
export interface KnockoutHit {
  /** Knockout id from the playbook. */
  id: string;
  evidence: string;
  turn: number;
  source: FactSource;
}

export interface Contact {
  email?: string;
  phone?: string;
  name?: string;
  /** The visitor's job title in their own words ("directeur commercial"): its own evidence, apart from authority's. */
  jobTitle?: string;
  /** A company website the visitor typed (www.… or http…): looked up like an e-mail domain. */
  website?: string;
}

export interface LlmUsage {
  llmCalls: number;
  tokensIn: number;
  tokensOut: number;
  /** Of `tokensIn`, those the provider served from its prompt cache (billed at a lower price). */
  tokensCached?: number;
}

export const NO_USAGE: LlmUsage = Object.freeze({ llmCalls: 0, tokensIn: 0, tokensOut: 0 });

/** Engagement signals from the page: shown and stored, never used to lift a route. */
export interface PageContext {
  pageUrl?: string;
  referrer?: string;
  pagesViewed?: number;
  webinarsAttended?: number;
  downloads?: number;
  visitedPricing?: boolean;
  [key: string]: string | number | boolean | undefined;
}

/** One extractor's reading of a disputed fact or knockout: what it read, on which words. */
export interface Reading {
  source: FactSource;
  /** The level read (a fact), or whether the knockout was seen (a knockout). */
  value: string;
  /** The visitor's words it read it from; absent when it saw nothing. */
  evidence?: string;
}

/** A contradiction between answers on the same dimension (one of the "ambiguous" triggers). */
export interface Contradiction {
  dimension: string;
  values: string[];
  evidence: string[];
  /** When the rules and the model read the same words differently: each one's reading, for the person who decides. */
  readings?: Reading[];
}

/**
 * A knockout one extractor saw and the other did not (rules vs model): never a silent veto either way. The lead goes
 * to a person (ambiguous) with both readings, until the other extractor also sees it in a later message.
 */
export interface DisputedKnockout {
  id: string;
  readings: Reading[];
}

/**
 * What is known about a lead at a point in the conversation: the scorer's input.
 */
export interface FactSheet {
  /** Current fact per dimension id. */
  facts: Record<string, Fact>;
  contradictions: Record<string, Contradiction>;
  /** Dimensions still unclear after their one clarification. */
  unclear: string[];
  knockouts: KnockoutHit[];
  /** Knockouts the rules and the model disagree on (absent in sheets stored before it existed). */
  disputedKnockouts?: DisputedKnockout[];
  /** What was looked up about the visitor's company from their e-mail domain or website (src/enrichment). */
  enrichment?: LeadEnrichment;
}

export const ROUTES = ['handoff', 'nurture', 'disqualify'] as const;
export type Route = (typeof ROUTES)[number];

export const HANDOFF_REASONS = ['high_score', 'ambiguous'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

export type Tier = 'hot' | 'warm' | 'cold' | 'disqualified';

/** One line of the score explanation: which rule gave how many points, on which words. */
export interface ScoreReason {
  rule: string;
  dimension?: string;
  points: number;
  detail: string;
  evidence?: string;
}

export interface Decision {
  route: Route;
  handoffReason?: HandoffReason;
  score: number;
  tier: Tier;
  reasons: ScoreReason[];
  knockouts: KnockoutHit[];
  /** Whether every dimension had been asked when the decision was taken. */
  complete: boolean;
}
