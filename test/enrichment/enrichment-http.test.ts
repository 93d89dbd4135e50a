import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnWait } from '../../src/enrichment/lead-enrichment.js';
import { EnrichmentProviderError, HttpEnrichmentAdapter, httpEnrichmentConfigSchema } from '../../src/enrichment/http-enrichment-adapter.js';
import type { LeadPacket } from '../../src/handoff/lead-packet.js';
import type { EnrichmentRecord } from '../../src/storage/ports/enrichments.js';
import { startFakeEnrichmentProvider, type FakeEnrichmentProvider } from '../fakes/fake-enrichment-server.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const FIELDS = { name: 'data.name', employees: 'data.metrics.employees', sector: 'data.category.industry' };
const record = (name: string, employees: unknown, industry: string) => ({ data: { name, metrics: { employees }, category: { industry } } });
const askOf = (activity: Partial<Activity> | undefined) => (activity?.channelData as { qualibot?: { ask?: string } } | undefined)?.qualibot?.ask;

let provider: FakeEnrichmentProvider;

beforeAll(async () => {
  provider = await startFakeEnrichmentProvider();
  provider.behaviours.set('api-corp.fr', { kind: 'company', body: record('API Corp', '51-200', 'Software') });
  provider.behaviours.set('broken-corp.fr', { kind: 'status', status: 500 });
  provider.behaviours.set('garbled-corp.fr', { kind: 'raw', text: '{"data": {"name": "Garbled' });
  provider.behaviours.set('odd-corp.fr', { kind: 'company', body: record('Odd', 'many', 'Retail') });
  provider.behaviours.set('slow-corp.fr', { kind: 'hang', body: record('Slow Corp', 120, 'Logistics') });
});
afterAll(async () => provider?.close());

describe('the HTTP enrichment adapter against a fake provider on loopback', () => {
  const adapter = () => new HttpEnrichmentAdapter(httpEnrichmentConfigSchema.parse({ url: provider.urlTemplate, apiKeyHeader: 'X-Api-Key', apiKey: provider.apiKey, fields: FIELDS }));
  const signal = () => new AbortController().signal;

  it('sends the key, maps the fields (a range counts its lower bound), and knows nothing of an unknown domain', async () => {
    expect(await adapter().lookup('api-corp.fr', signal())).toEqual({ name: 'API Corp', employees: 51, sector: 'Software' });
    expect(await adapter().lookup('unknown-corp.fr', signal())).toBeUndefined();
    const keyless = new HttpEnrichmentAdapter(httpEnrichmentConfigSchema.parse({ url: provider.urlTemplate, fields: FIELDS }));
    await expect(keyless.lookup('api-corp.fr', signal())).rejects.toThrowError('HTTP 401');
  });

  it('rejects an error status, a body that is not JSON and a field of the wrong type', async () => {
    await expect(adapter().lookup('broken-corp.fr', signal())).rejects.toThrowError(new EnrichmentProviderError('HTTP 500'));
    await expect(adapter().lookup('garbled-corp.fr', signal())).rejects.toThrowError('answer is not JSON');
    await expect(adapter().lookup('odd-corp.fr', signal())).rejects.toThrowError('data.metrics.employees is not a number of employees');
  });

  it('stops waiting for a provider that hangs when told to', async () => {
    const controller = new AbortController();
    const hanging = adapter().lookup('slow-corp.fr', controller.signal);
    await provider.nextHang();
    controller.abort();
    await expect(hanging).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('enrichment in the running app (company file + HTTP provider)', () => {
  let t: TestApp;
  /** Every turn's wait for a lookup, held until the test releases it: the provider answering first wins. */
  const waiting: Array<() => void> = [];
  const enrichmentWait: TurnWait = (_ms, signal) =>
    new Promise((resolve) => {
      waiting.push(() => resolve());
      signal.addEventListener('abort', () => resolve());
    });

  beforeAll(async () => {
    t = await startTestApp(
      {
        WARM_UP: 'false',
        BUSINESS_HOURS: '',
        ENRICHMENT_COMPANY_FILE: 'test/enrichment/fixtures/companies.csv',
        ENRICHMENT_HTTP_URL: provider.urlTemplate,
        ENRICHMENT_HTTP_KEY_HEADER: 'X-Api-Key',
        ENRICHMENT_HTTP_KEY: provider.apiKey,
        ENRICHMENT_HTTP_FIELDS: Object.entries(FIELDS).map(([name, path]) => `${name}=${path}`).join(','),
      },
      { enrichmentWait },
    );
    // Paul is listed first: the least-busy suggestion would be him.
    await t.app.db.sdrs.add({ id: 'sdr-paul', email: 'paul@prospekt.example', name: 'Paul', passwordHash: 'x' });
    await t.app.db.sdrs.add({ id: 'sdr-marie', email: 'marie@prospekt.example', name: 'Marie', passwordHash: 'x' });
  });
  afterAll(async () => t?.close());

  const say = async (conversationId: string, text: string) => {
    const before = t.connector.messages(conversationId).length;
    const { status } = await t.post(t.activity(conversationId, 'webchat', { type: 'message', text, locale: 'fr-FR' }));
    expect(status).toBeLessThan(300);
    return t.connector.messages(conversationId).slice(before);
  };

  it('an existing customer from the company file skips the company question and is suggested to its account owner', async () => {
    const conversationId = `existing-${randomUUID()}`;
    expect(askOf((await say(conversationId, 'Pas assez de rendez-vous commerciaux. paul.durand@client-fidele.com')).at(-1))).toBe('authority');
    for (const answer of ['Je décide', 'Oui, budget validé']) await say(conversationId, answer);
    await say(conversationId, 'Dès que possible');
    const handoff = await t.app.db.handoffs.getOpenByConversation(conversationId);
    const packet = handoff?.packet as LeadPacket;
    expect(packet.suggestedSdr).toEqual({ id: 'sdr-marie', name: 'Marie' });
    expect(packet.accountOwner).toEqual({ email: 'marie@prospekt.example', sdr: { id: 'sdr-marie', name: 'Marie' } });
    expect(packet.facts.find((fact) => fact.dimension === 'company')).toMatchObject({ source: 'enrichment', headcount: 50, sector: 'Retail', provenance: { adapter: 'company-file', domain: 'client-fidele.com' } });
    expect(packet.enrichment).toMatchObject({ status: 'done', domain: 'client-fidele.com', company: { existingCustomer: true, ownerEmail: 'marie@prospekt.example' } });
    expect(packet.reasons.map((reason) => reason.rule)).toContain('enrichment:existing_customer');
  });

  it('a contact typed while waiting in the queue is looked up too: the card shows it, the owner gets the suggestion', async () => {
    const conversationId = `waiting-${randomUUID()}`;
    for (const answer of ['Pas assez de rendez-vous commerciaux', '10 à 50 salariés', 'Je décide', 'Oui, budget validé', 'Dès que possible']) await say(conversationId, answer);
    const queued = await t.app.db.handoffs.getOpenByConversation(conversationId);
    expect((queued?.packet as LeadPacket).suggestedSdr?.id).toBe('sdr-paul');
    await say(conversationId, 'Vous pouvez me joindre à paul.durand@client-fidele.com');
    await t.app.enrichment.idle();
    const detail = await t.app.handoff.service.detail(queued!.id);
    expect(detail.packet.suggestedSdr).toEqual({ id: 'sdr-marie', name: 'Marie' });
    expect(detail.packet.enrichment).toMatchObject({ status: 'done', domain: 'client-fidele.com', company: { name: 'Client Fidèle SA', existingCustomer: true } });
    // The visitor's own answer (10 to 50) stays the company fact; the lookup is shown beside it.
    expect(detail.packet.facts.find((fact) => fact.dimension === 'company')?.source).toBe('quick-reply');
  });

  it('a failing provider never breaks a turn: the bot asks the company question as without enrichment', async () => {
    const conversationId = `failing-${randomUUID()}`;
    expect(askOf((await say(conversationId, 'Pas assez de rendez-vous commerciaux. jean@broken-corp.fr')).at(-1))).toBe('company');
    const stored = await t.app.db.enrichments.about({ conversationIds: [conversationId] });
    expect(stored.map((item) => item.result.failures)).toEqual([[{ adapter: 'http', reason: 'HTTP 500' }]]);
  });

  it('a provider that hangs never delays the turn; its late result lands afterwards, on the card and in the next turn', async () => {
    const conversationId = `slow-${randomUUID()}`;
    const late = new Promise<EnrichmentRecord>((resolve) => t.app.enrichment.onStored((record, { late: isLate }) => void (isLate && record.conversationId === conversationId && resolve(record))));
    const turn = say(conversationId, 'Pas assez de rendez-vous commerciaux. jean@slow-corp.fr');
    await provider.nextHang();
    // The turn's timeout elapses while the provider still hangs.
    for (const release of waiting.splice(0)) release();
    const replies = await turn;
    expect(askOf(replies.at(-1))).toBe('company');
    expect(await t.app.db.enrichments.about({ conversationIds: [conversationId] })).toEqual([]);

    provider.releaseHung();
    const landed = await late;
    expect(landed.result.company).toEqual({ name: 'Slow Corp', employees: 120, sector: 'Logistics' });
    expect(await t.app.db.enrichments.about({ conversationIds: [conversationId] })).toHaveLength(1);
    // The next message picks the stored result up: the company is known, the bot moves past it.
    expect(askOf((await say(conversationId, 'Je décide')).at(-1))).toBe('money');
    // Had the lead been queued meanwhile, its card would read the stored result (handoff-service detail()).
    expect((await t.app.db.enrichments.about({ conversationIds: [conversationId] }))[0]?.result.provenance.map((item) => item.adapter)).toEqual(['email-domain', 'http']);
  });
});
