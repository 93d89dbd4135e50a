import {
  BotFrameworkAuthentication,
  AuthenticationConstants,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { sendPlainJsonActivities } from './plain-json-activity-bodies.js';

/** Distinct (bot, service URL, audience) clients kept; a deployment sees a handful (one per channel region). */
const MAX_CLIENTS = 256;

/**
 * botbuilder's CloudAdapter asks its authentication for a new ConnectorClient on every turn, and building one
 * (credentials, HTTP pipeline, serializers) costs about as much CPU as the reply it then sends (a turn's first
 * reply: 0.67 ms with a new client, 0.35 ms with a kept one; bench/reply-path.ts). A client holds no per-turn state
 * (its credentials cache and renew their token), so this wrapper keeps one per bot app id, service URL and audience
 * and hands it to every turn, sending its activities as plain JSON (plain-json-activity-bodies.ts); authentication
 * itself is the wrapped one's, unchanged.
 */
export class ReusedConnectorClients extends BotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusingFactory(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  /** Built for every turn too (botbuilder hands one to each turn for sign-in cards): one per bot as well. */
  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return keep(this.userTokenClients, appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): ReturnType<BotFrameworkAuthentication['createBotFrameworkClient']> {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: this.reusingFactory(result.connectorFactory, result.claimsIdentity) } : result;
  }

  private reusingFactory(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    const clients = this.clients;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return keep(clients, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience).then(sendPlainJsonActivities));
      }
    })();
  }
}

/** The bot a request's clients act for, found as botframework-connector finds it (audience, else app id claim). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** The client kept under `key`, else a new one; one that could not be built (credentials refused) is not kept. */
function keep<T>(kept: Map<string, Promise<T>>, key: string, build: () => Promise<T>): Promise<T> {
  const existing = kept.get(key);
  if (existing) return existing;
  const created = build();
  if (kept.size >= MAX_CLIENTS) kept.delete(kept.keys().next().value!);
  kept.set(key, created);
  created.catch(() => kept.get(key) === created && kept.delete(key));
  return created;
}
