import { describe, expect, it } from 'vitest';
import { applyEnrichment, enrichmentDisagreements } from '../../src/enrichment/apply-enrichment.js';
import { CompanyFileAdapter, loadCompanyFile, parseCompanyFile } from '../../src/enrichment/company-file.js';
import { lookupTarget } from '../../src/enrichment/email-domain.js';
import { loadEnrichmentConfig } from '../../src/enrichment/enrichment-config.js';
import type { CompanyProfile, EnrichmentAdapter, EnrichmentResult } from '../../src/enrichment/enrichment.js';
import { Enricher } from '../../src/enrichment/enricher.js';
import { LeadEnrichment, type TurnWait } from '../../src/enrichment/lead-enrichment.js';
import { readContact } from '../../src/extraction/rules/readers/contact-reader.js';
import { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import { describeHandoff } from '../../src/handoff/notifiers/lead-notification.js';
import { packetEnrichment } from '../../src/handoff/packet-enrichment.js';
import { createLogger } from '../../src/logger.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { playbookSchema, type Playbook } from '../../src/playbook/schema.js';
import { absorbFacts } from '../../src/qualification/fact-sheet.js';
import { newLeadState, type LeadState } from '../../src/qualification/lead-state.js';
import { decide } from '../../src/scoring/scorer.js';
import type { EnrichmentRecord } from '../../src/storage/ports/enrichments.js';
import { openTestConversation } from '../helpers/test-conversation.js';

const logger = createLogger('silent');
const COMPANY_FILE = 'test/enrichment/fixtures/companies.csv';
const champ = loadPlaybook('champ');
const companies = loadCompanyFile(COMPANY_FILE);

/** The repository port in memory (the SQL ones are tested on both engines in the storage contract). */
class MemoryEnrichments {
  readonly records: EnrichmentRecord[] = [];
  async save(record: EnrichmentRecord) {
    this.records.push(record);
  }
  async forLead(leadId: string) {
    return this.records.filter((record) => record.leadId === leadId).reverse();
  }
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** A turn wait that never ends by itself: the lookup answers first unless the test releases it. */
function gatedWait() {
  const gate = deferred();
  const wait: TurnWait = (_ms, signal) => new Promise((resolve) => {
    void gate.promise.then(() => resolve());
    signal.addEventListener('abort', () => resolve());
  });
  return { wait, release: () => gate.resolve() };
}

function enrichmentFor(playbook: Playbook, adapters: EnrichmentAdapter[], wait: TurnWait, store = new MemoryEnrichments()) {
  return { store, enrichment: new LeadEnrichment({ enricher: new Enricher(adapters), store, playbook, timeoutMs: 800, logger, wait }) };
}

function leadWith(contact: LeadState['contact']): LeadState {
  return { ...newLeadState('test'), locale: 'fr', status: 'qualifying', contact };
}

describe('domains and the offline lists', () => {
  it('finds the registrable domain of an e-mail or a website (public suffix list)', () => {
    expect(lookupTarget({ email: 'Jane@mail.Acme.co.uk' })).toEqual({ domain: 'acme.co.uk', host: 'mail.acme.co.uk', from: 'email' });
    expect(lookupTarget({ website: 'https://www.acme-industrie.fr/contact' })).toMatchObject({ domain: 'acme-industrie.fr', from: 'website' });
    expect(lookupTarget({ email: 'nobody@localhost' })).toBeUndefined();
  });

  it('reads a website typed in any answer (www. or http), never an e-mail as one', () => {
    expect(readContact('Notre site : www.acme-industrie.fr, merci').contact).toEqual({ website: 'www.acme-industrie.fr' });
    expect(readContact('voir https://acme-industrie.fr/about).').contact).toEqual({ website: 'https://acme-industrie.fr/about' });
    expect(readContact('jean@acme-industrie.fr').contact).toEqual({ email: 'jean@acme-industrie.fr' });
    expect(lookupTarget({ website: 'www.acme-industrie.fr' })).toMatchObject({ domain: 'acme-industrie.fr', from: 'website' });
    // A deep link is someone else's page (an article, a booking link), not the visitor's company.
    expect(lookupTarget({ website: 'https://www.lemonde.fr/economie/article/2026/12/01/x.html' })).toBeUndefined();
  });

  it('marks a free-mail address and a throwaway one without asking any company adapter', async () => {
    let asked = 0;
    const spy: EnrichmentAdapter = { name: 'spy', lookup: async () => void asked++ };
    const enricher = new Enricher([spy]);
    const gmail = await enricher.lookup(lookupTarget({ email: 'jean.dupont@gmail.com' })!);
    const orange = await enricher.lookup(lookupTarget({ email: 'jean@orange.fr' })!);
    const yopmail = await enricher.lookup(lookupTarget({ email: 'x@yopmail.com' })!);
    expect([gmail.freeMail, gmail.disposable, orange.freeMail, yopmail.disposable, yopmail.freeMail]).toEqual([true, false, true, true, false]);
    expect(gmail.company).toBeUndefined();
    expect(asked).toBe(0);
  });

  it('asks the adapters in order for a company domain: the company file wins, a failing adapter is noted', async () => {
    const provider: EnrichmentAdapter = { name: 'http', lookup: async () => ({ name: 'ACME (provider)', employees: 300, sector: 'Industry' }) };
    const broken: EnrichmentAdapter = { name: 'broken', lookup: async () => Promise.reject(new Error('HTTP 503')) };
    const result = await new Enricher([new CompanyFileAdapter(companies), broken, provider], () => new Date('2026-12-01T10:00:00Z')).lookup(lookupTarget({ email: 'jean@acme-industrie.fr' })!);
    expect(result.company).toEqual({ name: 'Acme Industrie', employees: 250, sector: 'Manufacturing', existingCustomer: false });
    expect(result.provenance.map((item) => item.adapter)).toEqual(['email-domain', 'company-file', 'http']);
    expect(result.provenance[1]).toEqual({ adapter: 'company-file', domain: 'acme-industrie.fr', at: '2026-12-01T10:00:00.000Z' });
    expect(result.failures).toEqual([{ adapter: 'broken', reason: 'HTTP 503' }]);
  });
});

describe('the company file', () => {
  it('reads sizes, ranges (lower bound), yes/no and owners', () => {
    expect(companies.get('client-fidele.com')).toEqual({ name: 'Client Fidèle SA', employees: 50, sector: 'Retail', existingCustomer: true, ownerEmail: 'marie@prospekt.example' });
    const json = parseCompanyFile(JSON.stringify([{ domain: 'Beta.io', size: 12, existing_customer: true, owner_email: 'a@b.example' }]), 'accounts.json');
    expect(json.get('beta.io')).toEqual({ employees: 12, existingCustomer: true, ownerEmail: 'a@b.example' });
  });

  it('fails fast naming the file, the row and the field', () => {
    const csv = 'domain,size,existing_customer,owner_email\nacme.fr,lots,no,\nco.uk,10,no,\nbeta.fr,10,yes,\n';
    expect(() => parseCompanyFile(csv, 'crm-export.csv')).toThrowError(/crm-export\.csv[\s\S]*line 2, size: must be a number[\s\S]*line 3, domain: is not a registrable domain[\s\S]*line 4, owner_email: required for an existing customer/);
    expect(() => parseCompanyFile('{"domain":"a.fr"}', 'accounts.json')).toThrowError(/accounts\.json: must be a JSON array/);
    expect(() => loadCompanyFile('test/enrichment/fixtures/missing.csv')).toThrowError(/missing\.csv: cannot be read/);
  });
});

describe('enrichment facts in the fact sheet and the scorer', () => {
  const lookedUp = (company: CompanyProfile, extra: Partial<EnrichmentResult> = {}): EnrichmentResult => ({
    domain: 'acme-industrie.fr',
    from: 'email',
    lookedUpAt: '2026-12-01T10:00:00.000Z',
    freeMail: false,
    disposable: false,
    company,
    provenance: [{ adapter: 'email-domain', domain: 'acme-industrie.fr', at: '2026-12-01T10:00:00.000Z' }, { adapter: 'company-file', domain: 'acme-industrie.fr', at: '2026-12-01T10:00:00.000Z' }],
    failures: [],
    ...extra,
  });

  it('fills the company dimension where the visitor said nothing, with source and provenance', () => {
    const lead = applyEnrichment(champ, leadWith({ email: 'jean@acme-industrie.fr' }), lookedUp({ name: 'Acme Industrie', employees: 250, sector: 'Manufacturing' }));
    expect(lead.sheet.facts.company).toMatchObject({ value: 'in_icp', source: 'enrichment', headcount: 250, sector: 'Manufacturing', provenance: { adapter: 'company-file', domain: 'acme-industrie.fr' } });
    expect(decide(champ, { ...lead.sheet, complete: false }).reasons.find((reason) => reason.rule === 'company:in_icp')).toBeDefined();
  });

  it('a new address replaces what was looked up for the previous one', () => {
    const first = applyEnrichment(champ, leadWith({}), lookedUp({ employees: 250 }));
    const other = lookedUp({}, { domain: 'gmail.com', freeMail: true, company: undefined });
    expect(applyEnrichment(champ, first, other).sheet.facts.company).toBeUndefined();
  });

  it("keeps the visitor's words: never over a stated fact, replaced by a later answer, the difference shown", () => {
    const stated = { dimension: 'company', value: 'in_icp', evidence: 'nous sommes 40', confidence: 0.9, source: 'rules' as const, turn: 1, headcount: 40 };
    const before = applyEnrichment(champ, { ...leadWith({}), sheet: { ...leadWith({}).sheet, facts: { company: stated } } }, lookedUp({ employees: 250 }));
    expect(before.sheet.facts.company).toBe(stated);
    const filled = applyEnrichment(champ, leadWith({}), lookedUp({ employees: 250, sector: 'Manufacturing' }));
    const after = absorbFacts(champ, filled.sheet, [{ ...stated, turn: 2, sector: 'logiciel' }], { askedDimension: 'authority' });
    expect(after.facts.company).toMatchObject({ source: 'rules', headcount: 40 });
    expect(after.contradictions).toEqual({});
    expect(enrichmentDisagreements(champ, after.facts, after.enrichment?.result)).toEqual([
      { dimension: 'company', field: 'employees', visitor: '40', evidence: 'nous sommes 40', enrichment: '250', adapter: 'company-file' },
      { dimension: 'company', field: 'sector', visitor: 'logiciel', evidence: 'nous sommes 40', enrichment: 'Manufacturing', adapter: 'company-file' },
    ]);
    expect(packetEnrichment(champ, Object.values(after.facts), after.enrichment)?.disagreements).toHaveLength(2);
  });

  it('a free-mail address lowers nothing; a looked-up small size disqualifies only when the playbook says so', () => {
    const plain = leadWith({ email: 'jean@gmail.com' });
    const marked = applyEnrichment(champ, plain, lookedUp({}, { domain: 'gmail.com', freeMail: true, company: undefined }));
    const [without, withMark] = [decide(champ, { ...plain.sheet, complete: true }), decide(champ, { ...marked.sheet, complete: true })];
    expect([withMark.route, withMark.score]).toEqual([without.route, without.score]);
    expect(withMark.reasons.find((reason) => reason.rule === 'enrichment:free_mail')).toMatchObject({ points: 0 });

    const tiny = applyEnrichment(champ, leadWith({}), lookedUp({ employees: 3 }));
    expect(tiny.sheet.facts.company?.value).toBe('below_icp_size');
    expect(decide(champ, { ...tiny.sheet, complete: true }).route).not.toBe('disqualify');
    const strict = { ...champ, enrichment: { ...champ.enrichment, sizeKnockout: true } };
    expect(decide(strict, { ...tiny.sheet, complete: true }).knockouts.map((hit) => hit.id)).toEqual(['below_icp_size']);
  });

  it('a playbook knockout can fire on what was looked up (existing customer, throwaway address, sector)', () => {
    const raw = structuredClone(champ) as unknown as { knockouts: unknown[] };
    raw.knockouts.push({ id: 'support_request', description: 'Existing customer', enrichment: { existingCustomer: true }, close: { fr: 'Votre responsable de compte revient vers vous.', en: 'Your account manager will get back to you.' } });
    raw.knockouts.push({ id: 'excluded_sector', description: 'Sector we do not serve', enrichment: { sectors: ['Gambling'] }, close: { fr: 'Désolé.', en: 'Sorry.' } });
    const playbook = playbookSchema.parse(raw);
    const customer = applyEnrichment(playbook, leadWith({}), lookedUp({ employees: 60, existingCustomer: true, ownerEmail: 'marie@prospekt.example' }));
    const decision = decide(playbook, { ...customer.sheet, complete: true });
    expect(decision.knockouts).toEqual([{ id: 'support_request', evidence: 'acme-industrie.fr', turn: 0, source: 'enrichment' }]);
    const casino = applyEnrichment(playbook, leadWith({}), lookedUp({ employees: 60, sector: 'gambling' }));
    expect(decide(playbook, { ...casino.sheet, complete: true }).knockouts.map((hit) => hit.id)).toEqual(['excluded_sector']);
    expect(() => playbookSchema.parse({ ...raw, knockouts: [{ id: 'x', description: 'x', enrichment: {}, close: { fr: 'x', en: 'x' } }] })).toThrowError(/name at least one of existingCustomer/);
  });
});

describe('bounded lookups in the turn', () => {
  it('applies a lookup that answers in time', async () => {
    const { wait } = gatedWait();
    const { enrichment, store } = enrichmentFor(champ, [new CompanyFileAdapter(companies)], wait);
    const lead = await enrichment.enrich(leadWith({ email: 'jean@acme-industrie.fr' }), 'conv-1');
    expect(lead.sheet.enrichment?.status).toBe('done');
    expect(lead.sheet.facts.company?.headcount).toBe(250);
    expect(store.records).toMatchObject([{ leadId: lead.leadId, conversationId: 'conv-1', email: 'jean@acme-industrie.fr', domain: 'acme-industrie.fr' }]);
  });

  it('never waits past the timeout: the turn goes on, the late result is stored, announced, and used next turn', async () => {
    const answer = deferred<CompanyProfile | undefined>();
    const slow: EnrichmentAdapter = { name: 'http', lookup: () => answer.promise };
    const { wait, release } = gatedWait();
    const { enrichment, store } = enrichmentFor(champ, [slow], wait);
    const late = deferred<EnrichmentRecord>();
    enrichment.onStored((record, { late: isLate }) => void (isLate && late.resolve(record)));

    const turn = enrichment.enrich(leadWith({ email: 'jean@slow-corp.fr' }), 'conv-2');
    release(); // the turn's timeout elapses (no wall clock: the test says when)
    const lead = await turn;
    expect(lead.sheet.enrichment).toEqual({ domain: 'slow-corp.fr', status: 'pending' });
    expect(lead.sheet.facts.company).toBeUndefined();
    expect(store.records).toEqual([]);

    answer.resolve({ name: 'Slow Corp', employees: 120, sector: 'Software' });
    const record = await late.promise;
    expect(record).toMatchObject({ leadId: lead.leadId, domain: 'slow-corp.fr', result: { company: { employees: 120 } } });
    expect(store.records).toHaveLength(1);
    const next = await enrichment.enrich(lead, 'conv-2');
    expect(next.sheet.enrichment?.status).toBe('done');
    expect(next.sheet.facts.company).toMatchObject({ source: 'enrichment', headcount: 120 });
  });

  it('a failing store or adapter never breaks the turn', async () => {
    const { wait } = gatedWait();
    const failingStore = { save: async () => Promise.reject(new Error('disk full')), forLead: async () => [] };
    const { enrichment } = enrichmentFor(champ, [new CompanyFileAdapter(companies)], wait, failingStore as unknown as MemoryEnrichments);
    const lead = await enrichment.enrich(leadWith({ email: 'jean@acme-industrie.fr' }), 'conv-3');
    expect(lead.sheet.facts.company).toBeUndefined();
  });
});

describe('the dialog with enrichment (turn tables)', () => {
  async function converse(lines: string[]) {
    const { wait } = gatedWait();
    const { enrichment } = enrichmentFor(champ, [new CompanyFileAdapter(companies)], wait);
    const conversation = await openTestConversation({ playbook: champ, extractor: new RulesExtractor(champ), enrichment, locale: 'fr-FR' });
    const asked: Array<string | undefined> = [];
    for (const text of lines) {
      const replies = await conversation.say(text);
      asked.push((replies.at(-1)?.channelData as { qualibot?: { ask?: string } } | undefined)?.qualibot?.ask);
    }
    return asked;
  }

  it('a corporate e-mail fills size and sector from the company file: the company question is skipped', async () => {
    expect(await converse(['Pas assez de rendez-vous commerciaux. Mon e-mail : jean@acme-industrie.fr'])).toEqual(['authority']);
  });

  it('a company website works like a corporate e-mail', async () => {
    expect(await converse(['Pas assez de rendez-vous commerciaux', 'Je décide, notre site : www.acme-industrie.fr'])).toEqual(['company', 'money']);
  });

  it('a free-mail address is marked and the bot asks the company question as today', async () => {
    expect(await converse(['Pas assez de rendez-vous commerciaux. Mon e-mail : jean.dupont@gmail.com'])).toEqual(['company']);
  });
});

describe('configuration', () => {
  it('validates the HTTP provider variables and names the bad one', () => {
    expect(loadEnrichmentConfig({})).toEqual({ timeoutMs: 800 });
    const ok = loadEnrichmentConfig({ ENRICHMENT_HTTP_URL: 'https://api.example.com/v1/companies?domain={domain}', ENRICHMENT_HTTP_KEY: 'Bearer k', ENRICHMENT_HTTP_FIELDS: 'name=data.name, employees=data.metrics.employees' });
    expect(ok.http).toMatchObject({ apiKeyHeader: 'Authorization', apiKey: 'Bearer k', fields: { name: 'data.name', employees: 'data.metrics.employees' }, timeoutMs: 10_000 });
    expect(() => loadEnrichmentConfig({ ENRICHMENT_HTTP_URL: 'https://api.example.com/companies', ENRICHMENT_HTTP_FIELDS: 'name=n' })).toThrowError(/ENRICHMENT_HTTP_URL: must contain \{domain\}/);
    expect(() => loadEnrichmentConfig({ ENRICHMENT_HTTP_URL: 'https://a.example/{domain}', ENRICHMENT_HTTP_FIELDS: 'revenue=x' })).toThrowError(/ENRICHMENT_HTTP_FIELDS/);
    expect(() => loadEnrichmentConfig({ ENRICHMENT_HTTP_KEY: 'k' })).toThrowError(/ENRICHMENT_HTTP_URL: required/);
  });
});

describe('the Teams and Slack lead cards', () => {
  it('say what was looked up beside the contact, in French and English', () => {
    const packet = {
      contact: { email: 'paul@client-fidele.com' },
      enrichment: { status: 'done', domain: 'client-fidele.com', freeMail: false, disposable: false, company: { name: 'Client Fidèle SA', employees: 50, sector: 'Retail', existingCustomer: true }, disagreements: [] },
      accountOwner: { email: 'marie@prospekt.example', sdr: { id: 's1', name: 'Marie' } },
    };
    const handoff = { id: 'h1', conversationId: 'c1', leadId: 'l1', status: 'queued' as const, reason: 'high_score' as const, score: 90, tier: 'hot' as const, packet, createdAt: '', updatedAt: '' };
    expect(describeHandoff(handoff, 'fr').contact).toBe('paul@client-fidele.com · recherché : Client Fidèle SA, 50 salariés, Retail — déjà client (responsable : Marie)');
    expect(describeHandoff(handoff, 'en').contact).toBe('paul@client-fidele.com · looked up: Client Fidèle SA, 50 employees, Retail — existing customer (owner: Marie)');
    const gmail = { ...handoff, packet: { contact: { email: 'x@gmail.com' }, enrichment: { status: 'done', domain: 'gmail.com', freeMail: true, disposable: false, disagreements: [] } } };
    expect(describeHandoff(gmail, 'en').contact).toBe('x@gmail.com · free-mail address');
  });
});
