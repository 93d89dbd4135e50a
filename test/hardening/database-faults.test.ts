import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n/translate.js';
import { FakeOpenAiServer } from '../fakes/fake-openai-server.js';
import { startTcpProxy, type TcpProxy } from '../fakes/tcp-proxy.js';
import { createTestDatabase } from '../storage/pg-test-server.js';
import { asked, HOT_FR } from './support/conversation.js';
import { startHardenedApp, type HardenedApp } from './support/hardened-app.js';

type Readiness = { status: string; checks: Record<string, { ok: boolean; detail?: unknown }> };

/**
 * PostgreSQL cut off then back, through a TCP proxy: while cut, /readyz names the database (503),
 * /healthz stays 200 and visitors get an honest message; once restored, everything works again
 * without a restart and nothing acknowledged before the outage is lost.
 */
describe('database unavailable, then back (PostgreSQL through a cuttable proxy)', { timeout: 90_000 }, () => {
  let database: { url: string; drop(): Promise<void> };
  let proxy: TcpProxy;
  let t: HardenedApp;
  // The LLM is only here to keep a turn busy (inside its conversation lock) while the network is cut.
  let llm: FakeOpenAiServer;
  let llmLatencyMs = 0;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    llm = await FakeOpenAiServer.start(() => ({ json: { facts: {} }, latencyMs: llmLatencyMs }));
    t = await startHardenedApp({
      DATABASE_URL: proxy.through(database.url),
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: llm.baseURL,
      LLM_TIMEOUT_MS: '5000',
      RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0',
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await llm?.close();
    await proxy?.close();
    await database?.drop();
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  });

  const readiness = async () => {
    const response = await t.get('/readyz');
    return { status: response.status, body: response.json() as Readiness };
  };

  async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('tells the truth on the probes, answers visitors honestly, and recovers without a restart', async () => {
    const conversationId = `pg-outage-${randomUUID()}`;
    expect(asked(await t.say(conversationId, HOT_FR.challenge))).toBe('company');
    expect(asked(await t.say(conversationId, HOT_FR.company))).toBe('authority');
    expect((await readiness()).status).toBe(200);

    proxy.cut();
    const down = await readiness();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('not_ready');
    expect(down.body.checks.database?.ok).toBe(false);
    // The process is alive: an orchestrator must not restart it for a database outage.
    const health = await t.get('/healthz');
    expect(health.status).toBe(200);

    // A visitor writing now: an honest apology, no stack trace, no internals; HTTP stays 200 for the channel.
    const during = await t.say(conversationId, HOT_FR.authority);
    expect(during.map((reply) => reply.text)).toEqual([translate('bot.unavailable', 'fr')]);
    expect(JSON.stringify(during)).not.toMatch(/ECONN|terminated|postgres|Error:|\bat \w+ \(/i);
    // A brand-new visitor too.
    const newcomer = await t.say(`pg-newcomer-${randomUUID()}`, HOT_FR.challenge);
    expect(newcomer.map((reply) => reply.text)).toEqual([translate('bot.unavailable', 'fr')]);
    expect(t.logs.records().some((record) => record.msg === 'turn failed' && record.conversationId === conversationId)).toBe(true);

    proxy.restore();
    await until(async () => (await readiness()).status === 200, 15_000, '/readyz to be 200 again');
    expect((await readiness()).body.checks.database?.ok).toBe(true);

    // The visitor sends the answer again and the conversation goes on from where it was acknowledged.
    expect(asked(await t.say(conversationId, HOT_FR.authority))).toBe('money');
    expect(asked(await t.say(conversationId, HOT_FR.money))).toBe('prioritization');
    await t.say(conversationId, HOT_FR.prioritization);
    const lead = await t.app.db.leads.getByConversation(conversationId);
    expect(lead?.decision?.route).toBe('handoff');

    // Nothing acknowledged before the outage is lost.
    const visitorLines = (await t.app.db.transcripts.list(conversationId)).filter((line) => line.from === 'visitor').map((line) => line.text);
    expect(visitorLines).toEqual([HOT_FR.challenge, HOT_FR.company, HOT_FR.authority, HOT_FR.money, HOT_FR.prioritization]);
    expect(lead?.facts.challenge).toBeDefined();
    expect(lead?.facts.company).toBeDefined();
    expect(t.logs.records().filter((record) => record.level === 60)).toEqual([]);
  });

  it('survives a second, longer outage the same way', async () => {
    proxy.cut();
    for (let index = 0; index < 5; index += 1) {
      const replies = await t.say(`pg-second-${index}-${randomUUID()}`, HOT_FR.challenge);
      expect(replies.map((reply) => reply.text)).toEqual([translate('bot.unavailable', 'fr')]);
    }
    expect((await readiness()).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    proxy.restore();
    await until(async () => (await readiness()).status === 200, 15_000, '/readyz to be 200 again');
    expect(asked(await t.say(`pg-after-${randomUUID()}`, HOT_FR.challenge))).toBe('company');
    expect(uncaught).toEqual([]);
  });

  it('a connection lost in the middle of a turn does not take the process down', async () => {
    const conversationId = `pg-mid-turn-${randomUUID()}`;
    expect(asked(await t.say(conversationId, HOT_FR.challenge))).toBe('company');
    llmLatencyMs = 1000;
    const calls = llm.calls;
    const pending = t.say(conversationId, HOT_FR.company);
    // The turn holds its conversation lock (a checked-out PostgreSQL connection) while the model thinks.
    await until(async () => llm.calls > calls, 10_000, 'the turn to reach the LLM');
    proxy.cut();
    const replies = await pending;
    // The question may already have gone out before the state write failed; the turn ends on the apology.
    expect(replies.at(-1)?.text).toBe(translate('bot.unavailable', 'fr'));
    expect(uncaught).toEqual([]);

    llmLatencyMs = 0;
    proxy.restore();
    await until(async () => (await readiness()).status === 200, 15_000, '/readyz to be 200 again');
    // The interrupted turn saved nothing: the visitor's resent answer is read as if for the first time.
    expect(asked(await t.say(conversationId, HOT_FR.company))).toBe('authority');
    expect(uncaught).toEqual([]);
  });
});
