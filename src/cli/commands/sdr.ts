import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { hashPassword } from '../../handoff/password-hash.js';
import { passwordProblem } from '../../handoff/password-policy.js';
import type { Logger } from '../../logger.js';
import { openDatabase, StorageConflictError, type Database } from '../../storage/index.js';
import { SDR_ROLES, type SdrRole } from '../../storage/ports/sdrs.js';
import { readSecret } from '../read-secret.js';

const USAGE = [
  'Usage:',
  '  qualibot sdr add EMAIL --name NAME [--role admin|manager]...',
  '                                                       create an SDR account for the console (/sdr); the password',
  '                                                       is asked for (hidden), or read from the first line of stdin;',
  '                                                       admin and manager may also read the insights (/sdr/insights)',
  '  qualibot sdr list                                    list SDR accounts',
  '  qualibot sdr remove EMAIL                            delete an account (its sessions end at once)',
].join('\n');

export interface SdrCommandDeps {
  /** Opens the database the server uses (from the environment by default). */
  openDb?: () => Promise<Database>;
  print?: (line: string) => void;
  printError?: (line: string) => void;
  /** Asks for the password when --password is not given (a hidden prompt, or stdin). */
  readPassword?: () => Promise<string>;
}

/** `qualibot sdr add|list|remove`: SDR accounts, in the same database as the server (DATABASE_URL / DATA_DIR). */
export async function runSdr(args: string[], logger: Logger, deps: SdrCommandDeps = {}): Promise<number> {
  const print = deps.print ?? ((line: string) => console.log(line));
  const printError = deps.printError ?? ((line: string) => console.error(line));
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', multiple: true } } });
  } catch (error) {
    printError(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [action, email, ...extra] = parsed.positionals;
  const { name, password } = parsed.values;
  const roles = parsed.values.role ?? [];

  const problem = usageProblem(action, email, extra, name) ?? roleProblem(action, roles);
  if (problem) {
    printError(`${problem}\n\n${USAGE}`);
    return 2;
  }
  let chosenPassword = password;
  if (action === 'add') {
    if (password !== undefined) printError('Warning: a password on the command line stays in the shell history and is visible in the process list; leave --password out to be asked for it.');
    chosenPassword ??= await (deps.readPassword ?? (() => readSecret('Password for the new SDR account: ')))();
    const weak = passwordProblem(chosenPassword, [email!, name!]);
    if (weak) {
      printError(weak);
      return 2;
    }
  }

  const openDb =
    deps.openDb ??
    (() => {
      const config = loadConfig();
      return openDatabase({ url: config.storage.databaseUrl, dataDir: config.storage.dataDir, poolSize: config.storage.poolSize, logger });
    });
  const db = await openDb();
  try {
    if (action === 'list') {
      const sdrs = await db.sdrs.list();
      if (sdrs.length === 0) print('No SDR account yet. Create one with: qualibot sdr add EMAIL --name NAME');
      for (const sdr of sdrs) print(`${sdr.email}\t${sdr.name}\t${sdr.id}\t${sdr.roles.join(',') || 'sdr'}\t${sdr.createdAt}`);
      return 0;
    }
    if (action === 'add') {
      try {
        const sdr = await db.sdrs.add({ id: randomUUID(), email: email!, name: name!.trim(), passwordHash: await hashPassword(chosenPassword!), roles: roles as SdrRole[] });
        print(`Added ${sdr.email} (${sdr.name})${sdr.roles.length ? ` with the role ${sdr.roles.join(', ')}` : ''}.`);
        return 0;
      } catch (error) {
        if (error instanceof StorageConflictError) {
          printError(`An SDR account with the email ${email} already exists.`);
          return 1;
        }
        throw error;
      }
    }
    const sdr = await db.sdrs.findByEmail(email!);
    if (!sdr || !(await db.sdrs.remove(sdr.id))) {
      printError(`No SDR account with the email ${email}.`);
      return 1;
    }
    print(`Removed ${sdr.email}.`);
    return 0;
  } finally {
    await db.close();
  }
}

function roleProblem(action: string | undefined, roles: string[]): string | undefined {
  if (roles.length && action !== 'add') return '--role goes with add only.';
  const unknown = roles.find((role) => !(SDR_ROLES as readonly string[]).includes(role));
  return unknown ? `Unknown role "${unknown}" (roles: ${SDR_ROLES.join(', ')}).` : undefined;
}

function usageProblem(action: string | undefined, email: string | undefined, extra: string[], name: string | undefined): string | undefined {
  if (action !== 'add' && action !== 'list' && action !== 'remove') return action ? `Unknown sdr action "${action}".` : 'Missing sdr action.';
  if (extra.length > 0) return `Unexpected argument "${extra[0]}".`;
  if (action === 'list') return email ? `Unexpected argument "${email}".` : undefined;
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return 'A valid EMAIL is required.';
  if (action === 'remove') return undefined;
  if (!name?.trim()) return '--name is required (the display name visitors see, e.g. "Marie — Sales").';
  return undefined;
}
