import { parseArgs } from 'node:util';
import { enqueueCrmEvent, personErasedEvents } from '../../crm/index.js';
import type { Logger } from '../../logger.js';
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
  const target = values.email ? { email: values.email } : { conversationId: values.conversation! };
  const result = await withDatabase(logger, async (db) => {
    const erased = await db.lifecycle.erasePerson(target);
    // Queued after the erase: the erase itself deletes every outbox entry about the person.
    for (const event of personErasedEvents({ leadIds: erased.leadIds, email: values.email })) await enqueueCrmEvent(db.outbox, event);
    return erased;
  });
  console.log(JSON.stringify({ erased: result.counts, conversations: result.conversationIds.length, crmDeletionEvents: result.leadIds.length }, null, 2));
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
