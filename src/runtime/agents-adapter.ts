import { Activity as AgentsActivity, type ConversationReference as AgentsReference } from '@microsoft/agents-activity';
import { CloudAdapter as AgentsCloudAdapter, AuthType, type AuthConfiguration, type TurnContext as AgentsTurnContext } from '@microsoft/agents-hosting';
import { type Activity, BotAdapter, type ConversationReference, type ResourceResponse, TurnContext } from 'botbuilder';
import type { Request } from 'restify';
import type { BotCredentials, BotFrameworkAdapter, BotResponseLike } from './bot-framework-adapter.js';

/** botbuilder's claims identity (the last overload's first parameter); only its app id matters here. */
type ClaimsIdentity = Parameters<BotAdapter['continueConversationAsync']>[0];

/** Where the Agents SDK turn context of a bridged turn is kept. */
const AGENTS_CONTEXT = Symbol('agentsTurnContext');

/**
 * The Microsoft 365 Agents SDK runtime (`BOT_RUNTIME=agents`). The SDK's CloudAdapter owns the wire: it validates
 * the caller's JWT (Entra / Bot Framework keys), parses the activity with its zod schema, gets the bot's token with
 * MSAL and calls the channel's Connector REST API. The turn itself runs as a botbuilder-shaped TurnContext over this
 * adapter, so Qualibot's middleware and its dialog runner (botbuilder-dialogs: `@microsoft/agents-hosting-dialogs` is
 * still 0.x, pinned to agents-hosting 0.6) are the same on both runtimes; each send goes back through the SDK.
 */
export class AgentsAdapter extends BotAdapter implements BotFrameworkAdapter {
  private readonly agents: AgentsCloudAdapter;

  constructor(private readonly credentials: BotCredentials) {
    super();
    this.agents = new AgentsCloudAdapter(agentsAuthConfiguration(credentials));
    // Qualibot's own turn-error handler (this adapter's `onTurnError`) has already run; the SDK's default would
    // tell the visitor "The agent encountered an error or bug".
    this.agents.onTurnError = async (_context, error) => {
      throw error;
    };
  }

  async process(req: Request, res: BotResponseLike, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const response = webResponse(res);
    const request = { headers: req.headers, method: req.method, body: withoutEmptyStrings(req.body) } as Parameters<AgentsCloudAdapter['process']>[0];
    if (this.credentials.appId) {
      let authorized = false;
      await this.agents.authorizeRequest(request, response, () => void (authorized = true));
      if (!authorized) return;
    }
    try {
      await this.agents.process(request, response, (agentsContext) => this.runBridged(agentsContext, logic));
    } catch (error) {
      // As botbuilder's adapter does: a failed turn is a 500 (the hardening wrapper gives it a body without details).
      res.status(500);
      res.end();
    }
  }

  /**
   * One turn in-process (replays, evaluations): the activity goes through the SDK's `process` with the Bot
   * Framework's `expectReplies` delivery mode, so the replies come back in the response body instead of being
   * posted to a channel. No socket, no token.
   */
  async expectReplies(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const captured: { status: number; body?: unknown } = { status: 200 };
    const response = {
      headersSent: false,
      writableEnded: false,
      status(code: number) {
        captured.status = code;
        return response;
      },
      setHeader() {
        return response;
      },
      send(body?: unknown) {
        captured.body = body;
        return response;
      },
      end() {
        response.writableEnded = true;
        return response;
      },
    };
    const body = withoutEmptyStrings(JSON.parse(JSON.stringify({ ...activity, deliveryMode: 'expectReplies' })));
    await this.agents.process({ headers: {}, method: 'POST', body } as Parameters<AgentsCloudAdapter['process']>[0], response, (agentsContext) =>
      this.runBridged(agentsContext, logic),
    );
    if (captured.status >= 300) throw new Error(`AgentsAdapter: the in-process turn answered ${captured.status}`);
    const replies = (captured.body as { activities?: unknown[] } | undefined)?.activities ?? [];
    return replies.map((reply) => JSON.parse(JSON.stringify(reply)) as Partial<Activity>);
  }

  override async continueConversationAsync(
    botAppIdOrIdentity: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: ((context: TurnContext) => Promise<void>) | string,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('AgentsAdapter.continueConversationAsync: logic is required');
    const botAppId = typeof botAppIdOrIdentity === 'string' ? botAppIdOrIdentity : this.credentials.appId;
    // An identity without audience is the SDK's anonymous mode (no token on outbound calls), as dev mode wants.
    const identity = botAppId ? botAppId : {};
    // Qualibot keeps references in the Bot Framework shape (`bot`); the SDK names that field `agent`. References saved
    // by the botbuilder runtime may also carry `conversation.name: ""`, which the SDK's schema refuses.
    const sdkReference = withoutEmptyStrings(JSON.parse(JSON.stringify({ agent: reference.bot, ...reference }))) as AgentsReference;
    await this.agents.continueConversation(identity, sdkReference, (agentsContext) => this.runBridged(agentsContext, logic));
  }

  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.continueConversationAsync(this.credentials.appId, reference, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    // Through the SDK's turn context: it buffers the replies of an `expectReplies` turn (in-process replays).
    return agentsContextOf(context).sendActivities(activities.map(toAgentsActivity));
  }

  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    return this.agents.updateActivity(agentsContextOf(context), toAgentsActivity(activity));
  }

  async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    await this.agents.deleteActivity(agentsContextOf(context), reference as Partial<AgentsReference>);
  }

  /** Runs Qualibot's middleware and bot on a botbuilder-shaped context of the SDK's turn; errors go to `onTurnError`. */
  private async runBridged(agentsContext: AgentsTurnContext, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    // The SDK's Activity keeps some fields behind accessors (channelId): its JSON form is the wire activity.
    const context = new TurnContext(this, JSON.parse(agentsContext.activity.toJsonString()) as Partial<Activity>);
    context.turnState.set(AGENTS_CONTEXT, agentsContext);
    await this.runMiddleware(context, logic);
    // botbuilder's context keeps the replies of an `expectReplies` turn itself: hand them to the SDK, which answers
    // them in the response body. (An invoke response is answered by the SDK from its own turn state.)
    if (context.bufferedReplyActivities.length > 0) {
      await agentsContext.sendActivities(context.bufferedReplyActivities.splice(0).map(toAgentsActivity));
    }
  }
}

function agentsContextOf(context: TurnContext): AgentsTurnContext {
  const agentsContext = context.turnState.get(AGENTS_CONTEXT) as AgentsTurnContext | undefined;
  if (!agentsContext) throw new Error('AgentsAdapter: a send outside of a bridged turn');
  return agentsContext;
}

/** botbuilder's activity object to the SDK's class (validated by its zod schema); dates travel as ISO strings. */
function toAgentsActivity(activity: Partial<Activity>): AgentsActivity {
  return AgentsActivity.fromObject(withoutEmptyStrings(JSON.parse(JSON.stringify(activity))) as object);
}

/**
 * The SDK's activity schema refuses empty strings where the Bot Framework schema allows them (channels send
 * `conversation.name: ""`): they are dropped from the activity and the objects right under it, never from
 * `value` or `channelData`, which are the channel's and the card's data.
 */
function withoutEmptyStrings(activity: unknown): unknown {
  if (!isObject(activity)) return activity;
  const dropEmpty = (item: unknown): unknown =>
    isObject(item) ? Object.fromEntries(Object.entries(item).filter(([, value]) => value !== '')) : item;
  return Object.fromEntries(
    Object.entries(activity)
      .filter(([, value]) => value !== '')
      .map(([key, value]) => (key === 'value' || key === 'channelData' ? [key, value] : [key, Array.isArray(value) ? value.map(dropEmpty) : dropEmpty(value)])),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Qualibot's credentials as the SDK's single-connection configuration; no app id = anonymous (dev mode). */
function agentsAuthConfiguration(credentials: BotCredentials): AuthConfiguration {
  if (!credentials.appId) return { clientId: '' } as AuthConfiguration;
  // The SDK refuses an empty client id under NODE_ENV=production: dev mode is for development there.
  const managedIdentity = credentials.appType === 'UserAssignedMSI';
  return {
    clientId: credentials.appId,
    authType: managedIdentity ? AuthType.UserManagedIdentity : AuthType.ClientSecret,
    ...(managedIdentity ? {} : { clientSecret: credentials.appPassword }),
    // Multi-tenant Azure Bot registrations get their token from the Bot Framework tenant, as botbuilder does.
    tenantId: credentials.appType === 'SingleTenant' || managedIdentity ? credentials.tenantId : 'botframework.com',
  } as AuthConfiguration;
}

/** The SDK writes `status/setHeader/send/end` and reads `headersSent/writableEnded`: give it restify's through the hardening wrapper. */
function webResponse(res: BotResponseLike): Parameters<AgentsCloudAdapter['process']>[1] {
  return res as unknown as Parameters<AgentsCloudAdapter['process']>[1];
}
