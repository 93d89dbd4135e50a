import { parseArgs } from 'node:util';
import { crmEventFromOutbox, enqueueCrmEvent, personErasedEvents } from '../../crm/index.js';
import type { Logger } from '../../logger.js';
import { normaliseEmail } from '../../storage/index.js';
import { withDatabase } from '../open-database-from-env.js';

/**
 * `qualibot erase --email X | --conversation ID`: removes a person's conversations, leads, handoffs and
 * outbox entries, then queues a `person.erased` event so the CRM deletes its copy too.
 */
export async function runErase(args: string[], logger: Logger): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, conversation: { type: 'string' } } });
  if (Boolean(values.email) === Boolean(values.conversation)) {
    console.error('Usage: qualibot erase --email EMAIL | --conversation ID');
    return 2;
  }
  const email = values.email ? normaliseEmail(values.email) : undefined;
  const target = email ? { email } : { conversationId: values.conversation! };
  const result = await withDatabase(logger, async (db) => {
    // A deletion event from an earlier request may still be waiting: the erase deletes every outbox
    // entry about the person, that one included, so it is queued again with the new ones.
    const waiting = (await db.outbox.listAbout(target)).filter((entry) => entry.type === 'person.erased' && entry.status !== 'delivered');
    const erased = await db.lifecycle.erasePerson(target);
    // Queued after the erase, for the same reason.
    const events = [...waiting.map(crmEventFromOutbox), ...personErasedEvents({ leadIds: erased.leadIds, email })];
    for (const event of events) await enqueueCrmEvent(db.outbox, event);
    return { erased, events: events.length };
  });
  const { erased, events } = result;
  console.log(JSON.stringify({ erased: erased.counts, conversations: erased.conversationIds.length, crmDeletionEvents: events }, null, 2));
  return 0;
}

/** `qualibot export-person --email X`: everything held about one person (GDPR access request), as JSON. */
export async function runExportPerson(args: string[], logger: Logger): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
  if (!values.email) {
    console.error('Usage: qualibot export-person --email EMAIL');
    return 2;
  }
  const data = await withDatabase(logger, (db) => db.lifecycle.exportPerson(values.email!));
  console.log(JSON.stringify(data, null, 2));
  return 0;
}
