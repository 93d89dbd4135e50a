import type { Config } from '../config.js';
import { AgentsAdapter } from './agents-adapter.js';
import type { BotCredentials, BotFrameworkAdapter } from './bot-framework-adapter.js';
import { createBotbuilderAdapter, type BotFrameworkAuthentication } from './botbuilder-adapter.js';

export type BotRuntimeName = Config['botFramework']['runtime'];
export const BOT_RUNTIMES: readonly BotRuntimeName[] = ['botbuilder', 'agents'];

/**
 * The one place that picks the SDK behind /api/messages and proactive sends (`BOT_RUNTIME`). `authentication`
 * (botbuilder's, e.g. a test's fake of the Bot Service's keys) replaces the credentials' on the botbuilder runtime;
 * the Agents SDK authenticates with the credentials.
 */
export function createBotFrameworkAdapter(runtime: BotRuntimeName, credentials: BotCredentials, authentication?: BotFrameworkAuthentication): BotFrameworkAdapter {
  if (runtime === 'agents') return new AgentsAdapter(credentials);
  return createBotbuilderAdapter(authentication ?? credentials);
}

export function botCredentials(botFramework: Config['botFramework']): BotCredentials {
  return {
    appId: botFramework.appId ?? '',
    appPassword: botFramework.appPassword ?? '',
    appType: botFramework.appType,
    tenantId: botFramework.tenantId ?? '',
  };
}

export type { BotCredentials, BotFrameworkAdapter } from './bot-framework-adapter.js';
