import type { Config } from '../config.js';
import { AgentsAdapter } from './agents-adapter.js';
import type { BotCredentials, BotFrameworkAdapter } from './bot-framework-adapter.js';
import { createBotbuilderAdapter } from './botbuilder-adapter.js';

export type BotRuntimeName = Config['botFramework']['runtime'];
export const BOT_RUNTIMES: readonly BotRuntimeName[] = ['botbuilder', 'agents'];

/** The one place that picks the SDK behind /api/messages and proactive sends (`BOT_RUNTIME`). */
export function createBotFrameworkAdapter(runtime: BotRuntimeName, credentials: BotCredentials): BotFrameworkAdapter {
  return runtime === 'agents' ? new AgentsAdapter(credentials) : createBotbuilderAdapter(credentials);
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
