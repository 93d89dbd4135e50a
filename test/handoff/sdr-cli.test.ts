import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSdr } from '../../src/cli/commands/sdr.js';
import { readSecret } from '../../src/cli/read-secret.js';
import { verifyPassword } from '../../src/handoff/password-hash.js';
import { createLogger } from '../../src/logger.js';
import type { Database } from '../../src/storage/ports/database.js';
import { openSqliteDatabase } from '../../src/storage/sqlite/open-sqlite.js';

const logger = createLogger('silent');

/** Runs the command against one in-memory database kept open across calls (the command closes what it opens). */
function cli(typed: string[] = []) {
  const db = openSqliteDatabase({ filename: ':memory:' });
  const out: string[] = [];
  const err: string[] = [];
  const kept: Database = { ...db, close: async () => undefined };
  const readPassword = async () => typed.shift() ?? '';
  const run = (...args: string[]) => runSdr(args, logger, { openDb: async () => kept, print: (line) => void out.push(line), printError: (line) => void err.push(line), readPassword });
  return { db, out, err, run };
}

describe('qualibot sdr', () => {
  it('adds an account with a scrypt-hashed password, lists and removes it', async () => {
    const { db, out, err, run } = cli();
    expect(await run('add', 'Marie@Prospekt.example', '--name', 'Marie — Sales', '--password', 'correct horse battery')).toBe(0);
    expect(out.at(-1)).toBe('Added marie@prospekt.example (Marie — Sales).');
    const stored = await db.sdrs.findByEmail('marie@prospekt.example');
    expect(stored?.name).toBe('Marie — Sales');
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('correct horse battery', stored!.passwordHash)).toBe(true);

    expect(await run('list')).toBe(0);
    expect(out.at(-1)).toMatch(/^marie@prospekt\.example\tMarie — Sales\t[0-9a-f-]{36}\t/);

    expect(await run('add', 'marie@prospekt.example', '--name', 'Other', '--password', 'another long one')).toBe(1);
    expect(err.at(-1)).toMatch(/already exists/);

    expect(await run('remove', 'marie@prospekt.example')).toBe(0);
    expect(await db.sdrs.list()).toEqual([]);
    expect(await run('remove', 'marie@prospekt.example')).toBe(1);
    await db.close();
  });

  it('explains its usage on bad arguments, without touching the database', async () => {
    const { db, err, run } = cli();
    expect(await run()).toBe(2);
    expect(await run('promote', 'x@y.z')).toBe(2);
    expect(await run('add', 'not-an-email', '--name', 'X', '--password', 'long enough pw')).toBe(2);
    expect(await run('add', 'x@y.fr', '--password', 'long enough pw')).toBe(2);
    expect(await run('add', 'x@y.fr', '--name', 'X', '--password', 'long enough pw', '--admin')).toBe(2);
    expect(err.every((message) => message.includes('Usage:'))).toBe(true);
    expect(await db.sdrs.list()).toEqual([]);
    await db.close();
  });

  // Finding 4 of the security probe (#21): ten spaces and 'aaaaaaaaaa' used to be accepted, and only on the command line.
  it('refuses weak passwords: too short, repeated, common, keyboard walks, the account\'s own email', async () => {
    const weak = ['          ', 'aaaaaaaaaa', 'password123', 'azertyuiop12', 'marie@prospekt.example', 'Prospekt2026!'];
    const { db, err, run } = cli(weak);
    for (const password of weak) {
      expect(await run('add', 'marie@prospekt.example', '--name', 'Marie — Sales')).toBe(2);
      expect(err.at(-1)).toMatch(/at least 10 characters|too easy to guess/);
      expect(err.at(-1)).not.toContain(password.trim() || 'never');
    }
    expect(await db.sdrs.list()).toEqual([]);
    await db.close();
  });

  it('asks for the password when --password is left out, and warns when it is given on the command line', async () => {
    const { db, err, run } = cli(['violet marmot orbit 42']);
    expect(await run('add', 'paul@prospekt.example', '--name', 'Paul')).toBe(0);
    expect(await verifyPassword('violet marmot orbit 42', (await db.sdrs.findByEmail('paul@prospekt.example'))!.passwordHash)).toBe(true);
    expect(err).toEqual([]);
    expect(await run('add', 'lea@prospekt.example', '--name', 'Léa', '--password', 'turquoise kettle sings')).toBe(0);
    expect(err.at(-1)).toMatch(/shell history/);
    await db.close();
  });

  it('gives roles with --role (admin, manager) alongside the asked-for password, and refuses unknown ones', async () => {
    const { db, out, err, run } = cli(['violet marmot orbit 42', 'turquoise kettle sings']);
    expect(await run('add', 'lea@prospekt.example', '--name', 'Léa', '--role', 'manager')).toBe(0);
    expect(out.at(-1)).toBe('Added lea@prospekt.example (Léa) with the role manager.');
    const lea = await db.sdrs.findByEmail('lea@prospekt.example');
    expect(lea?.roles).toEqual(['manager']);
    expect(await verifyPassword('violet marmot orbit 42', lea!.passwordHash)).toBe(true);
    expect(await run('list')).toBe(0);
    expect(out.at(-1)).toMatch(/\tmanager\t/);

    expect(await run('add', 'x@prospekt.example', '--name', 'X', '--role', 'owner')).toBe(2);
    expect(err.at(-1)).toMatch(/Unknown role "owner"/);
    expect(await run('list', '--role', 'admin')).toBe(2);
    expect(err.at(-1)).toMatch(/--role goes with add only/);
    expect((await db.sdrs.list()).map((sdr) => sdr.email)).toEqual(['lea@prospekt.example']);
    await db.close();
  });

  it('reads the password from the first line of stdin when it is not a terminal', async () => {
    const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
    const reading = readSecret('Password: ', stdin);
    (stdin as unknown as PassThrough).end('violet marmot orbit 42\nignored\n');
    expect(await reading).toBe('violet marmot orbit 42');
  });
});
