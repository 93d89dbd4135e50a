import type { ConversationReferenceRepository } from './ports/conversation-references.js';
import type { PersonExport } from './ports/data-lifecycle.js';
import type { EnrichmentRepository } from './ports/enrichments.js';
import type { HandoffRepository } from './ports/handoffs.js';
import type { LeadNoteRepository } from './ports/lead-notes.js';
import type { LeadRecord, LeadRepository } from './ports/leads.js';
import type { OutboxEntry, OutboxRepository } from './ports/outbox.js';
import type { TranscriptRepository } from './ports/transcripts.js';
import { normaliseEmail, outboxSubject } from './outbox-subject.js';

/** The repositories an export reads; the same code serves both engines. */
export interface ExportSources {
  leads: LeadRepository;
  transcripts: TranscriptRepository;
  handoffs: HandoffRepository;
  references: ConversationReferenceRepository;
  outbox: OutboxRepository;
  notes: LeadNoteRepository;
  enrichments: EnrichmentRepository;
}

/**
 * Everything held about the person with this email: their leads, the conversations those leads (or
 * outbox entries naming the email) belong to, with transcripts, handoffs, references and outbox entries.
 */
export async function exportPerson(sources: ExportSources, email: string): Promise<PersonExport> {
  const normalised = normaliseEmail(email);
  const leadsByEmail = await sources.leads.findByEmail(normalised);
  const outboxByEmail = await sources.outbox.listAbout({ email: normalised });
  const enrichmentsByEmail = await sources.enrichments.about({ conversationIds: [], email: normalised });

  const conversationIds = unique([
    ...leadsByEmail.map((lead) => lead.conversationId),
    ...outboxByEmail.map((entry) => outboxSubject(entry.payload).conversationId).filter((id): id is string => Boolean(id)),
    ...enrichmentsByEmail.map((record) => record.conversationId),
  ]);

  const leads = new Map<string, LeadRecord>(leadsByEmail.map((lead) => [lead.id, lead]));
  const outbox = new Map<number, OutboxEntry>(outboxByEmail.map((entry) => [entry.id, entry]));
  const result: PersonExport = {
    email: normalised,
    exportedAt: new Date().toISOString(),
    conversationIds,
    leads: [],
    transcripts: [],
    handoffs: [],
    references: {},
    outbox: [],
    notes: [],
    ratings: [],
    enrichments: [],
  };
  for (const conversationId of conversationIds) {
    const lead = await sources.leads.getByConversation(conversationId);
    if (lead && !leads.has(lead.id)) leads.set(lead.id, lead);
    result.transcripts.push(...(await sources.transcripts.list(conversationId)));
    result.handoffs.push(...(await sources.handoffs.list({ conversationId })));
    const reference = await sources.references.get(conversationId);
    if (reference) result.references[conversationId] = reference;
    for (const entry of await sources.outbox.listAbout({ conversationId })) outbox.set(entry.id, entry);
  }
  result.leads = [...leads.values()];
  for (const lead of result.leads) {
    result.notes.push(...(await sources.notes.notesOf(lead.id)));
    const rating = await sources.notes.ratingOf(lead.id);
    if (rating) result.ratings.push(rating);
  }
  result.outbox = [...outbox.values()].sort((a, b) => a.id - b.id);
  result.enrichments = await sources.enrichments.about({ conversationIds, email: normalised });
  return result;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
