import { Writable } from 'node:stream';
import { TestAdapter, type InvokeResponse } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/bot/build-bot.js';
import { RulesExtractor } from '../../src/extraction/rules/rules-extractor.js';
import { createLogger } from '../../src/logger.js';
import { loadPlaybook } from '../../src/playbook/loader.js';
import { loadFixture } from '../channels/fixture.js';

describe('an invoke the bot does not implement', () => {
  it('answers 501 and is logged at debug level with its name and conversation', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger(
      'debug',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
          done();
        },
      }),
    );
    const playbook = loadPlaybook('champ');
    const { bot } = buildBot({ playbook, extractor: new RulesExtractor(playbook), logger });
    const adapter = new TestAdapter();
    const invoke = loadFixture(new URL('../channels/teams/fixtures/invoke-compose-extension-query.json', import.meta.url));
    await adapter.processActivity(invoke, (context) => bot.run(context));

    const response = adapter.activeQueue.find((activity) => activity.type === 'invokeResponse')?.value as InvokeResponse | undefined;
    expect(response?.status).toBe(501);
    const logged = lines.find((line) => line.msg === 'invoke not implemented');
    expect(logged).toMatchObject({ level: 20, invoke: 'composeExtension/query', conversationId: invoke.conversation.id });
  });
});
