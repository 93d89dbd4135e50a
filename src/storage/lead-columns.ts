import type { LeadInput } from './ports/leads.js';
import { normaliseEmail } from './outbox-subject.js';

/** The order of the lead columns written by both engines (JSON columns are passed as JSON text). */
export const LEAD_COLUMNS = [
  'id',
  'conversation_id',
  'channel',
  'locale',
  'status',
  'facts',
  'knockouts',
  'decision',
  'context',
  'contact',
  'email',
  'usage',
  'playbook_id',
  'playbook_version',
  // Copies for the insights (indexed, filtered and grouped on without reading JSON).
  'route',
  'handoff_reason',
  'score',
  'complete',
  'knockout_count',
  'utm_source',
  'llm_calls',
  'tokens',
  'visitor_messages',
  'started_at',
  'decided_at',
] as const;

/** Values in `LEAD_COLUMNS` order. The email is copied out of the contact, normalised, to be indexed. */
export function leadColumnValues(lead: LeadInput): (string | null)[] {
  return [
    lead.id,
    lead.conversationId,
    lead.channel,
    lead.locale,
    lead.status,
    JSON.stringify(lead.facts ?? {}),
    JSON.stringify(lead.knockouts ?? []),
    lead.decision ? JSON.stringify(lead.decision) : null,
    JSON.stringify(lead.context ?? {}),
    JSON.stringify(lead.contact ?? {}),
    lead.contact?.email ? normaliseEmail(lead.contact.email) : null,
    JSON.stringify(lead.usage ?? { llmCalls: 0, tokensIn: 0, tokensOut: 0 }),
    lead.playbookId,
    lead.playbookVersion,
    lead.decision?.route ?? null,
    lead.decision?.handoffReason ?? null,
    lead.decision ? String(lead.decision.score) : null,
    lead.decision ? (lead.decision.complete ? '1' : '0') : null,
    String(lead.knockouts?.length ?? 0),
    utmSourceOf(lead.context),
    String(lead.usage?.llmCalls ?? 0),
    String((lead.usage?.tokensIn ?? 0) + (lead.usage?.tokensOut ?? 0)),
    lead.visitorMessages === undefined ? null : String(lead.visitorMessages),
    lead.startedAt ?? null,
    lead.decidedAt ?? null,
  ];
}

/** `utm_source` of the page context, lower-cased (LinkedIn and linkedin are one source). */
function utmSourceOf(context: LeadInput['context'] | undefined): string | null {
  const value = context?.utm_source;
  return typeof value === 'string' && value.trim() ? value.trim().toLowerCase().slice(0, 100) : null;
}
