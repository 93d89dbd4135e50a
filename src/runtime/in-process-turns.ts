import { randomUUID } from 'node:crypto';
import { type Activity, type ConversationReference, type Middleware, TestAdapter, type TurnContext } from 'botbuilder';
import { AgentsAdapter } from './agents-adapter.js';
import type { BotRuntimeName } from './bot-runtime.js';

/** Turns run in-process, without a channel: each returns the bot's replies (replays, `qualibot eval`). */
export interface InProcessTurns {
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  /** Middleware every turn runs before the bot (the visitor-text middleware, as on the channels). */
  use(...middlewares: Middleware[]): void;
  process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]>;
}

/** One conversation's turns on the runtime picked (botbuilder's TestAdapter, or the Agents SDK with `expectReplies`). */
export function createInProcessTurns(runtime: BotRuntimeName, reference: ConversationReference): InProcessTurns {
  return runtime === 'agents' ? agentsTurns(reference) : botbuilderTurns(reference);
}

function botbuilderTurns(reference: ConversationReference): InProcessTurns {
  const adapter = new TestAdapter(reference);
  return {
    get onTurnError() {
      return adapter.onTurnError;
    },
    set onTurnError(handler) {
      adapter.onTurnError = handler;
    },
    use(...middlewares) {
      adapter.use(...middlewares);
    },
    async process(activity, logic) {
      await adapter.processActivity(activity, logic);
      return adapter.activeQueue.splice(0);
    },
  };
}

function agentsTurns(reference: ConversationReference): InProcessTurns {
  const adapter = new AgentsAdapter({ appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' });
  return {
    get onTurnError() {
      return adapter.onTurnError;
    },
    set onTurnError(handler) {
      adapter.onTurnError = handler;
    },
    use(...middlewares) {
      adapter.use(...middlewares);
    },
    process(activity, logic) {
      // Addressed as TestAdapter addresses it: from the visitor, to the bot, in the reference's conversation.
      const addressed: Partial<Activity> = {
        id: randomUUID(),
        timestamp: new Date(),
        channelId: reference.channelId,
        serviceUrl: reference.serviceUrl,
        conversation: reference.conversation,
        from: reference.user,
        recipient: reference.bot,
        ...activity,
      };
      return adapter.expectReplies(addressed, logic);
    },
  };
}
