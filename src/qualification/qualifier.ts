import type { LeadEnrichment } from '../enrichment/lead-enrichment.js';
import { addUsage } from '../extraction/merge-extractions.js';
import type { Extraction, Extractor } from '../extraction/extractor.js';
import { findDimension } from '../playbook/queries.js';
import type { Dimension, Playbook } from '../playbook/schema.js';
import { decide } from '../scoring/scorer.js';
import { absorbFacts, absorbKnockouts, markUnclear } from './fact-sheet.js';
import { HISTORY_LIMIT, type LeadState } from './lead-state.js';
import { LOCALES, NO_USAGE, type Contact, type Decision, type Fact, type Locale } from './types.js';

export interface ReadResult {
  lead: LeadState;
  extraction: Extraction;
  /** Facts that were new or changed by this message. */
  learned: Fact[];
}

/**
 * Reads visitor messages into the lead's fact sheet and asks the scorer for decisions.
 * It orchestrates; it never scores by itself.
 */
export class Qualifier {
  constructor(
    readonly playbook: Playbook,
    private readonly extractor: Extractor,
    /** Company facts from the visitor's e-mail domain or website (src/enrichment); absent: the bot asks everything. */
    private readonly enrichment?: LeadEnrichment,
  ) {}

  get extractorName(): string {
    return this.extractor.name;
  }

  async read(lead: LeadState, text: string, askedDimension?: string, signal?: AbortSignal): Promise<ReadResult> {
    const turn = lead.turn + 1;
    const locale: Locale = lead.locale ?? 'fr';
    const extraction =
      this.quickReply(text, askedDimension, locale, turn) ??
      (await this.extractor.extract({ text, locale, region: lead.region, askedDimension, turn, known: lead.sheet.facts, history: lead.history, leadId: lead.leadId, signal }));

    let sheet = absorbFacts(this.playbook, lead.sheet, extraction.facts, { askedDimension });
    sheet = absorbKnockouts(sheet, extraction.knockouts, extraction.disputedKnockouts);
    const learned = extraction.facts.filter((fact) => sheet.facts[fact.dimension] === fact || sheet.facts[fact.dimension]?.turn === turn);
    const next: LeadState = {
      ...lead,
      turn,
      sheet,
      contact: { ...lead.contact, ...definedOnly(extraction.contact) },
      history: [...lead.history, text].slice(-HISTORY_LIMIT),
      usage: addUsage(lead.usage, extraction.usage),
      ...(extraction.notRead && !lead.unreadLanguageNotice && isEmpty(extraction.contact) ? { unreadLanguageNotice: 'due' as const } : {}),
    };
    return { lead: next, extraction, learned };
  }

  /** Looks the visitor's company up once their e-mail or website is known (bounded wait: never delays a turn beyond it). */
  async enrich(lead: LeadState, conversationId: string): Promise<LeadState> {
    return this.enrichment ? this.enrichment.enrich(lead, conversationId) : lead;
  }

  /** The next dimension to ask about: the first one with nothing known, not contradicted and not given up on. */
  nextDimension(lead: LeadState): Dimension | undefined {
    const { facts, contradictions, unclear } = lead.sheet;
    return this.playbook.dimensions.find((d) => !facts[d.id] && !contradictions[d.id] && !unclear.includes(d.id));
  }

  /** After an answer that told us nothing about the asked dimension: clarify once, then give up on it. */
  afterUnansweredQuestion(lead: LeadState, dimensionId: string): LeadState {
    if (lead.sheet.facts[dimensionId] || lead.sheet.contradictions[dimensionId]) return lead;
    if (!lead.clarified.includes(dimensionId)) return { ...lead, clarified: [...lead.clarified, dimensionId] };
    return { ...lead, sheet: markUnclear(lead.sheet, dimensionId) };
  }

  hasKnockout(lead: LeadState): boolean {
    return this.decide(lead, false).route === 'disqualify';
  }

  decide(lead: LeadState, complete: boolean): Decision {
    return decide(this.playbook, { ...lead.sheet, complete });
  }

  /** A click on a quick reply means exactly its level: no extraction, no model call. */
  private quickReply(text: string, askedDimension: string | undefined, locale: Locale, turn: number): Extraction | undefined {
    const dimension = askedDimension ? findDimension(this.playbook, askedDimension) : undefined;
    const normalized = normalize(text);
    // The visitor's locale first, then any other: the buttons may have been drawn before the locale was known.
    const reply = dimension?.quickReplies.find((candidate) => normalize(candidate.label[locale]) === normalized || LOCALES.some((other) => normalize(candidate.label[other]) === normalized));
    if (!dimension || !reply) return undefined;
    const fact: Fact = { dimension: dimension.id, value: reply.level, evidence: text, confidence: 1, source: 'quick-reply', turn };
    if (reply.months !== undefined) fact.months = reply.months;
    return { facts: [fact], knockouts: [], contact: {}, usage: NO_USAGE, extractor: 'quick-reply' };
  }
}

function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[’']/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined && item !== '')) as Partial<T>;
}

function isEmpty(contact: Contact): boolean {
  return Object.values(contact).every((value) => value === undefined || value === '');
}
