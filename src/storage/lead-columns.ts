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
  ];
}
