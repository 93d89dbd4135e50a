import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

describe('configuration', () => {
  it('starts on embedded defaults with no variable at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, playbook: 'champ', storage: { dataDir: './data', poolSize: 10 } });
    expect(config.llm).toBeUndefined();
    expect(config.botFramework.authenticated).toBe(false);
    expect(config.botFramework.runtime).toBe('botbuilder');
  });

  it('picks the Microsoft 365 Agents SDK with BOT_RUNTIME=agents', () => {
    expect(loadConfig({ BOT_RUNTIME: 'agents' }).botFramework.runtime).toBe('agents');
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['BOT_RUNTIME', 'teams-ai', /BOT_RUNTIME/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL/],
    ['DATABASE_POOL_SIZE', '0', /DATABASE_POOL_SIZE/],
    ['OPENAI_BASE_URL', 'not a url', /OPENAI_BASE_URL/],
    ['LLM_REPHRASE', 'maybe', /LLM_REPHRASE/],
    ['TIMEZONE', 'Mars/Olympus', /TIMEZONE/],
    ['CRM_WEBHOOK_URL', 'https://crm.example/hook', /CRM_WEBHOOK_SECRET/],
  ])('stops on a bad %s, naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('turns the LLM on only with an API key', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }).llm).toMatchObject({ model: 'gpt-4o-mini', timeoutMs: 8000 });
  });

  it('.env.example and the README document every variable, and nothing else', () => {
    const example = readFileSync('.env.example', 'utf8');
    const readme = readFileSync('README.md', 'utf8');
    const documented = [...example.matchAll(/^([A-Za-z_]+)=/gm)].map((match) => match[1]);
    expect([...documented].sort()).toEqual([...ENV_VARIABLES].sort());
    for (const name of ENV_VARIABLES) expect(readme, `README lacks ${name}`).toContain(`\`${name}\``);
  });
});
