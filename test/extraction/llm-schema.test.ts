import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJSONSchema } from 'zod';
import { buildExtractionSchema } from '../../src/extraction/llm/extraction-schema.js';
import { LlmExtractor } from '../../src/extraction/llm/llm-extractor.js';
import { loadPlaybook, parsePlaybook } from '../../src/playbook/loader.js';
import type { Playbook } from '../../src/playbook/schema.js';
import { FakeOpenAiServer } from '../fakes/fake-openai-server.js';
import { inputFor } from '../fakes/scripted-extractor.js';

const playbook = loadPlaybook('champ');

interface JsonSchemaNode {
  type?: string;
  enum?: string[];
  properties?: Record<string, JsonSchemaNode>;
  anyOf?: JsonSchemaNode[];
  items?: JsonSchemaNode;
}

/** The object branch of a nullable property. */
function objectOf(node: JsonSchemaNode | undefined): JsonSchemaNode {
  const branch = node?.anyOf?.find((candidate) => candidate.type === 'object') ?? node;
  if (!branch?.properties) throw new Error(`not an object schema: ${JSON.stringify(node)}`);
  return branch;
}

function jsonSchemaOf(book: Playbook, rephrase = false): JsonSchemaNode {
  return toJSONSchema(buildExtractionSchema(book, { rephrase })) as JsonSchemaNode;
}

/** A copy of the CHAMP playbook with one more (custom) dimension and one more knockout. */
function withCustomDimension(): Playbook {
  const copy = structuredClone(playbook) as unknown as Record<string, unknown> & { dimensions: unknown[]; knockouts: unknown[] };
  copy.dimensions.push({
    id: 'crm_tool',
    kind: 'custom',
    description: 'Which CRM the visitor uses today.',
    weight: 5,
    question: { fr: 'Quel CRM utilisez-vous ?', en: 'Which CRM do you use?' },
    clarification: { fr: 'Avez-vous un CRM ?', en: 'Do you have a CRM?' },
    levels: [
      { id: 'hubspot', points: 5, description: 'Uses HubSpot.' },
      { id: 'other_crm', points: 3, description: 'Uses another CRM.' },
      { id: 'no_crm', points: 0, description: 'No CRM.' },
    ],
  });
  copy.knockouts.push({ id: 'reseller', description: 'Wants to resell our service.', close: { fr: 'Merci.', en: 'Thanks.' } });
  return parsePlaybook(copy);
}

describe('buildExtractionSchema', () => {
  it('has one nullable object per dimension with the playbook level ids as enum', () => {
    const schema = jsonSchemaOf(playbook);
    const facts = objectOf(schema.properties?.facts);
    expect(Object.keys(facts.properties ?? {})).toEqual(playbook.dimensions.map((dimension) => dimension.id));
    for (const dimension of playbook.dimensions) {
      const fact = objectOf(facts.properties?.[dimension.id]);
      expect(fact.properties?.level?.enum).toEqual(dimension.levels.map((level) => level.id));
      expect(fact.properties?.evidence?.type).toBe('string');
      expect(fact.properties?.confidence?.type).toBe('number');
    }
    const knockoutItem = schema.properties?.knockouts?.anyOf?.find((node) => node.type === 'array')?.items;
    expect(knockoutItem?.properties?.id?.enum).toEqual(playbook.knockouts.map((knockout) => knockout.id));
    expect(Object.keys(objectOf(schema.properties?.contact).properties ?? {})).toEqual(['email', 'phone', 'name']);
  });

  it('gives each kind only the detail fields it can use', () => {
    const facts = objectOf(jsonSchemaOf(playbook).properties?.facts);
    const fieldsOf = (id: string) => Object.keys(objectOf(facts.properties?.[id]).properties ?? {}).sort();
    expect(fieldsOf('money')).toEqual(['amount', 'amountUpTo', 'confidence', 'currency', 'evidence', 'level', 'period']);
    expect(fieldsOf('prioritization')).toEqual(['confidence', 'evidence', 'level', 'months']);
    expect(fieldsOf('company')).toEqual(['confidence', 'evidence', 'headcount', 'level', 'sector']);
    expect(fieldsOf('authority')).toEqual(['confidence', 'evidence', 'level']);
  });

  it('has no score, tier or route anywhere, and rephrasedQuestion only when rephrasing is on', () => {
    for (const rephrase of [false, true]) {
      const text = JSON.stringify(jsonSchemaOf(playbook, rephrase));
      expect(text).not.toMatch(/"(score|tier|route|points|handoff)"/);
      expect(text.includes('"rephrasedQuestion"')).toBe(rephrase);
    }
  });

  it('has no knockouts field for a playbook without knockouts', () => {
    const none = parsePlaybook({ ...structuredClone(playbook), knockouts: [] });
    expect(Object.keys(jsonSchemaOf(none).properties ?? {})).toEqual(['facts', 'contact']);
  });

  it('picks up a dimension and a knockout added to a copied playbook, without code change', () => {
    const custom = withCustomDimension();
    const facts = objectOf(jsonSchemaOf(custom).properties?.facts);
    expect(objectOf(facts.properties?.crm_tool).properties?.level?.enum).toEqual(['hubspot', 'other_crm', 'no_crm']);
    expect(JSON.stringify(jsonSchemaOf(custom))).toContain('"reseller"');
  });
});

describe('a custom dimension end to end', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('is described in the prompt, sent in the strict schema and extracted', async () => {
    const custom = withCustomDimension();
    fake.enqueue({ json: { facts: { crm_tool: { level: 'hubspot', evidence: 'we run HubSpot', confidence: 0.9 } } } });
    const extractor = new LlmExtractor(custom, { apiKey: 'k', baseURL: fake.baseURL, timeoutMs: 2000, rephrase: false });
    const result = await extractor.extract(inputFor('We run HubSpot for our sales team'));

    expect(result.facts).toEqual([
      { dimension: 'crm_tool', value: 'hubspot', evidence: 'we run HubSpot', confidence: 0.9, source: 'llm', turn: 1 },
    ]);
    const body = fake.requests[0]!.body;
    expect(body.messages[0]?.content).toContain('hubspot: Uses HubSpot.');
    expect(body.response_format?.json_schema?.strict).toBe(true);
    expect(JSON.stringify(body.response_format?.json_schema?.schema)).toContain('"other_crm"');
  });
});
