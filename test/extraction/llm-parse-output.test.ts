import { describe, expect, it } from 'vitest';
import { buildExtractionSchema } from '../../src/extraction/llm/extraction-schema.js';
import { parseModelOutput } from '../../src/extraction/llm/parse-model-output.js';
import { loadPlaybook } from '../../src/playbook/loader.js';

const schema = buildExtractionSchema(loadPlaybook('champ'), { rephrase: false });

describe('parseModelOutput on raw strings', () => {
  it('accepts a valid answer, nulls and omitted keys alike', () => {
    const raw = JSON.stringify({
      facts: { challenge: { level: 'clear_problem', evidence: 'not enough meetings', confidence: 0.9 }, money: null },
      knockouts: [{ id: 'student', evidence: 'I am a student' }],
      contact: { email: 'ana@acme.test', phone: null },
    });
    const parsed = parseModelOutput(raw, schema);
    expect(parsed).toEqual({
      ok: true,
      value: {
        facts: { challenge: { level: 'clear_problem', evidence: 'not enough meetings', confidence: 0.9 }, money: null },
        knockouts: [{ id: 'student', evidence: 'I am a student' }],
        contact: { email: 'ana@acme.test', phone: null },
      },
    });
  });

  it('treats "{}" as "nothing found", not as an error', () => {
    expect(parseModelOutput('{}', schema)).toEqual({ ok: true, value: {} });
  });

  it('rejects invalid JSON as malformed', () => {
    const parsed = parseModelOutput('{"facts": {"challenge": ', schema);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toBe('malformed_output');
    expect(parseModelOutput('Sure! Here are the facts: none', schema)).toMatchObject({ ok: false, problem: 'malformed_output' });
  });

  it.each([[''], ['   \n '], [null], [undefined]])('rejects an empty answer (%j)', (raw) => {
    expect(parseModelOutput(raw, schema)).toMatchObject({ ok: false, problem: 'empty_output' });
  });

  it('strips extra fields such as score, tier, route or points, at every level', () => {
    const raw = JSON.stringify({
      score: 100,
      tier: 'hot',
      route: 'handoff',
      facts: { authority: { level: 'decision_maker', evidence: 'I decide', confidence: 1, points: 25, route: 'handoff' } },
    });
    const parsed = parseModelOutput(raw, schema);
    expect(parsed).toEqual({ ok: true, value: { facts: { authority: { level: 'decision_maker', evidence: 'I decide', confidence: 1 } } } });
  });

  it('rejects a level that is not in the playbook', () => {
    const raw = JSON.stringify({ facts: { authority: { level: 'ceo', evidence: 'I am the CEO', confidence: 1 } } });
    const parsed = parseModelOutput(raw, schema);
    expect(parsed).toMatchObject({ ok: false, problem: 'schema_invalid' });
    if (!parsed.ok) expect(parsed.detail).toContain('facts.authority.level');
  });

  it('rejects an unknown knockout id and wrong types', () => {
    expect(parseModelOutput(JSON.stringify({ knockouts: [{ id: 'competitor', evidence: 'x' }] }), schema)).toMatchObject({ ok: false, problem: 'schema_invalid' });
    expect(parseModelOutput(JSON.stringify({ facts: { challenge: 'clear_problem' } }), schema)).toMatchObject({ ok: false, problem: 'schema_invalid' });
    expect(parseModelOutput(JSON.stringify({ facts: { money: { level: 'allocated', evidence: 'x', confidence: '0.9' } } }), schema)).toMatchObject({ ok: false, problem: 'schema_invalid' });
    expect(parseModelOutput('[1, 2]', schema)).toMatchObject({ ok: false, problem: 'schema_invalid' });
    expect(parseModelOutput('42', schema)).toMatchObject({ ok: false, problem: 'schema_invalid' });
  });

  it('reads JSON wrapped in a Markdown code fence', () => {
    const raw = '```json\n{"facts": {"challenge": {"level": "none", "evidence": "just browsing", "confidence": 0.6}}}\n```';
    expect(parseModelOutput(raw, schema)).toEqual({ ok: true, value: { facts: { challenge: { level: 'none', evidence: 'just browsing', confidence: 0.6 } } } });
  });
});
