import { findLevel } from '../playbook/queries.js';
import type { Playbook } from '../playbook/schema.js';
import type { LeadState } from '../qualification/lead-state.js';
import type {
  Amount,
  Contact,
  Contradiction,
  Decision,
  DisputedKnockout,
  FactSource,
  HandoffReason,
  Locale,
  PageContext,
  ScoreReason,
  Tier,
} from '../qualification/types.js';
import type { TranscriptEntry } from '../storage/ports/transcripts.js';
import type { EnrichmentProvenance } from '../enrichment/enrichment.js';
import type { ExpiryCause } from './handoff-state-machine.js';
import { packetEnrichment, type AccountOwner, type PacketEnrichment } from './packet-enrichment.js';

/** One fact as the SDR reads it: the level, the visitor's own words, how sure the extractor was. */
export interface PacketFact {
  dimension: string;
  /** The dimension's description from the playbook. */
  dimensionDescription: string;
  value: string;
  levelDescription?: string;
  evidence: string;
  confidence: number;
  source: FactSource;
  turn: number;
  amount?: Amount;
  months?: number;
  headcount?: number;
  sector?: string;
  uncertain?: boolean;
  /** `source: enrichment`: which adapter looked it up, about which domain, when. */
  provenance?: EnrichmentProvenance;
}

export interface PacketKnockout {
  id: string;
  description: string;
  evidence: string;
}

/** A callback task: nobody could join, so the visitor is called back (or books a slot). */
export interface CallbackRequest {
  /**
   * `awaiting` while the bot still collects contact/time from the visitor; `unreachable` when the visitor's
   * channel kept refusing the no-SDR notice (gone: call back only if a contact is known).
   */
  status: 'awaiting' | 'captured' | 'unreachable';
  cause: ExpiryCause;
  at: string;
  /** The visitor's own words about when to call (free text, read by the SDR). */
  preferredTime?: string;
  bookingUrl?: string;
}

/** Everything an SDR needs to take a conversation over, stored with the handoff. */
export interface LeadPacket {
  leadId: string;
  conversationId: string;
  channel: string;
  locale: Locale;
  /** One line for queue lists. */
  summary: string;
  handoffReason: HandoffReason;
  score: number;
  tier: Tier;
  thresholds: { handoff: number; warm: number };
  /** In playbook order. */
  facts: PacketFact[];
  /** The score, rule by rule. */
  reasons: ScoreReason[];
  knockouts: PacketKnockout[];
  /** Knockouts the rules and the model disagree on: both readings, for the SDR to decide. */
  disputedKnockouts: Array<DisputedKnockout & { description: string }>;
  contradictions: Contradiction[];
  unclear: string[];
  pageContext: PageContext;
  contact: Contact;
  playbook: { id: string; version: string; name: string };
  decidedAt: string;
  callback?: CallbackRequest;
  /** The least busy SDR when it was queued, or an existing customer's account owner (kept: it does not move on every refresh). */
  suggestedSdr?: { id: string; name: string };
  /** What was looked up about the company from the visitor's e-mail domain or website (src/enrichment). */
  enrichment?: PacketEnrichment;
  /** An existing customer's account owner (playbook `enrichment.existingCustomer: route_to_owner`). */
  accountOwner?: AccountOwner;
  /** Set when the visitor closed the page, cleared when they write again (presence in the console). */
  visitorLeftAt?: string;
  /** The visitor wrote after the SDR closed: the last time, shown as an alert. */
  returnedAt?: string;
}

/** The packet as the API returns it: with the transcript read at request time. */
export interface LeadPacketView extends LeadPacket {
  transcript: Array<Pick<TranscriptEntry, 'from' | 'text' | 'at' | 'author'>>;
}

export function buildLeadPacket(input: { playbook: Playbook; lead: LeadState; decision: Decision; conversationId: string; now: Date }): LeadPacket {
  const { playbook, lead, decision } = input;
  const facts: PacketFact[] = [];
  for (const dimension of playbook.dimensions) {
    const fact = lead.sheet.facts[dimension.id];
    if (!fact) continue;
    facts.push(
      definedOnly({
        dimension: dimension.id,
        dimensionDescription: dimension.description,
        value: fact.value,
        levelDescription: findLevel(dimension, fact.value)?.description,
        evidence: fact.evidence,
        confidence: fact.confidence,
        source: fact.source,
        turn: fact.turn,
        amount: fact.amount,
        months: fact.months,
        headcount: fact.headcount,
        sector: fact.sector,
        uncertain: fact.uncertain,
        provenance: fact.provenance,
      }),
    );
  }
  const knockouts = decision.knockouts.map((hit) => ({
    id: hit.id,
    description: playbook.knockouts.find((knockout) => knockout.id === hit.id)?.description ?? hit.id,
    evidence: hit.evidence,
  }));
  const enrichment = packetEnrichment(playbook, facts, lead.sheet.enrichment);
  return {
    ...(enrichment ? { enrichment } : {}),
    leadId: lead.leadId,
    conversationId: input.conversationId,
    channel: lead.channel,
    locale: lead.locale ?? 'fr',
    summary: summarize(facts),
    handoffReason: decision.handoffReason ?? 'high_score',
    score: decision.score,
    tier: decision.tier,
    thresholds: { handoff: playbook.thresholds.handoff, warm: playbook.thresholds.warm },
    facts,
    reasons: decision.reasons,
    knockouts,
    disputedKnockouts: (lead.sheet.disputedKnockouts ?? []).map((dispute) => ({
      ...dispute,
      description: playbook.knockouts.find((knockout) => knockout.id === dispute.id)?.description ?? dispute.id,
    })),
    contradictions: Object.values(lead.sheet.contradictions),
    unclear: [...lead.sheet.unclear],
    pageContext: { ...lead.context },
    contact: { ...lead.contact },
    playbook: { id: playbook.id, version: playbook.version, name: playbook.name },
    decidedAt: lead.decidedAt ?? input.now.toISOString(),
  };
}

/** e.g. `challenge: clear problem · company: in icp (140 employees, software) · money: allocated (4000 EUR/month)`. */
function summarize(facts: PacketFact[]): string {
  return facts
    .map((fact) => {
      const details = [
        fact.headcount !== undefined ? `${fact.headcount} employees` : undefined,
        fact.sector,
        fact.amount ? `${fact.amount.value} ${fact.amount.currency}/${fact.amount.period}` : undefined,
        fact.months !== undefined ? `${fact.months} months` : undefined,
      ].filter(Boolean);
      return `${fact.dimension}: ${fact.value.replace(/_/g, ' ')}${details.length ? ` (${details.join(', ')})` : ''}`;
    })
    .join(' · ');
}

/** Reads a stored packet back; old or foreign rows may lack fields, so callers get defaults. */
export function asLeadPacket(raw: unknown): Partial<LeadPacket> {
  return raw && typeof raw === 'object' ? (raw as Partial<LeadPacket>) : {};
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
