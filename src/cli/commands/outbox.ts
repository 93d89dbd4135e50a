import { parseArgs } from 'node:util';
import type { Logger } from '../../logger.js';
import { withDatabase } from '../open-database-from-env.js';

/** `qualibot outbox dead` lists dead letters; `qualibot outbox replay ID|--all` queues them again. */
export async function runOutbox(args: string[], logger: Logger): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { all: { type: 'boolean', default: false } } });
  const [action, id] = positionals;
  return withDatabase(logger, async (db) => {
    if (action === 'dead') {
      const dead = await db.outbox.listDead();
      for (const entry of dead) console.log(`${entry.id}\t${entry.type}\t${entry.idempotencyKey}\tattempts=${entry.attempts}\t${entry.updatedAt}\t${entry.lastError ?? ''}`);
      console.error(`${dead.length} dead letter(s); backlog ${await db.outbox.backlog()}`);
      return 0;
    }
    if (action === 'replay') {
      const ids = values.all ? (await db.outbox.listDead()).map((entry) => entry.id) : id ? [Number(id)] : [];
      if (ids.length === 0 || ids.some((value) => !Number.isInteger(value))) {
        console.error('Usage: qualibot outbox replay ID | --all');
        return 2;
      }
      let requeued = 0;
      for (const value of ids) if (await db.outbox.requeue(value)) requeued += 1;
      console.log(`${requeued} entr${requeued === 1 ? 'y' : 'ies'} queued again`);
      return requeued === ids.length ? 0 : 1;
    }
    console.error('Usage: qualibot outbox dead | qualibot outbox replay ID | --all');
    return 2;
  });
}
