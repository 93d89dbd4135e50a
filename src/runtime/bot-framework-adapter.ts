import type { Middleware, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';

/** The Azure Bot registration both runtimes authenticate with (empty app id = unauthenticated dev mode). */
export interface BotCredentials {
  appId: string;
  appPassword: string;
  appType: string;
  tenantId: string;
}

/**
 * What Qualibot needs from the SDK that speaks the Bot Framework protocol on /api/messages: run an inbound
 * request through the middleware and the bot, and send into a conversation later (handoff, notices).
 * botbuilder's `CloudAdapter` is one; `AgentsAdapter` (Microsoft 365 Agents SDK) is the other.
 */
export interface BotFrameworkAdapter {
  use(...middlewares: Middleware[]): this;
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  /** Authenticates the request (when an app id is set), runs the turn and answers the HTTP response. */
  process(req: Request, res: BotResponseLike, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  continueConversationAsync(botAppId: string, reference: Partial<import('botbuilder').ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** The response object both SDKs write to (restify's, wrapped by `adapterResponse`). */
export type BotResponseLike = import('botbuilder').Response & Partial<Pick<Response, 'setHeader'>>;
