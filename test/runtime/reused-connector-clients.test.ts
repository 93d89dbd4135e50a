import { AuthenticationConstants, BotFrameworkAuthentication, ClaimsIdentity, ConnectorClient, ConnectorFactory, MicrosoftAppCredentials, type UserTokenClient } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ReusedConnectorClients } from '../../src/runtime/reused-connector-clients.js';

const identity = (appId: string) => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

/** An authentication that builds a new client at every `create`, as botframework-connector's does, and counts them. */
class CountingAuthentication extends BotFrameworkAuthentication {
  created: string[] = [];
  refuse = false;
  async authenticateRequest(activity: Activity, authHeader: string) {
    if (authHeader !== 'Bearer good') throw new Error('Unauthorized');
    return { audience: 'https://api.botframework.com', claimsIdentity: identity('bot-a'), callerId: 'caller', connectorFactory: this.createConnectorFactory() };
  }
  async authenticateStreamingRequest(): Promise<never> {
    throw new Error('not used');
  }
  createConnectorFactory(): ConnectorFactory {
    const created = this.created;
    const auth = this;
    return new (class extends ConnectorFactory {
      async create(serviceUrl: string, audience?: string) {
        if (auth.refuse) throw new Error('credentials refused');
        created.push(`${serviceUrl} ${audience ?? ''}`);
        return new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl });
      }
    })();
  }
  userTokenClients = 0;
  async createUserTokenClient(): Promise<UserTokenClient> {
    this.userTokenClients += 1;
    return { built: this.userTokenClients } as unknown as UserTokenClient;
  }
}

describe('ReusedConnectorClients', () => {
  it('hands every turn on one service URL and audience the same client, built once', async () => {
    const inner = new CountingAuthentication();
    const reused = new ReusedConnectorClients(inner);
    const turn = async () => (await reused.authenticateRequest({} as Activity, 'Bearer good')).connectorFactory!.create('https://smba.example/emea', 'aud');
    const first = await turn();
    expect(await turn()).toBe(first);
    expect(await reused.createConnectorFactory(identity('bot-a')).create('https://smba.example/emea', 'aud')).toBe(first);
    expect(inner.created).toEqual(['https://smba.example/emea aud']);
  });

  it('keeps distinct clients per service URL, audience and bot', async () => {
    const inner = new CountingAuthentication();
    const reused = new ReusedConnectorClients(inner);
    const a = await reused.createConnectorFactory(identity('bot-a')).create('https://one.example', 'aud');
    const b = await reused.createConnectorFactory(identity('bot-a')).create('https://two.example', 'aud');
    const c = await reused.createConnectorFactory(identity('bot-a')).create('https://one.example', 'other');
    const d = await reused.createConnectorFactory(identity('bot-b')).create('https://one.example', 'aud');
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(inner.created).toHaveLength(4);
  });

  it('leaves authentication to the wrapped one: a refused request is refused, its result passed on', async () => {
    const reused = new ReusedConnectorClients(new CountingAuthentication());
    await expect(reused.authenticateRequest({} as Activity, 'Bearer forged')).rejects.toThrow('Unauthorized');
    const result = await reused.authenticateRequest({} as Activity, 'Bearer good');
    expect(result).toMatchObject({ audience: 'https://api.botframework.com', callerId: 'caller' });
  });

  it('builds one user token client per bot, not one per turn', async () => {
    const inner = new CountingAuthentication();
    const reused = new ReusedConnectorClients(inner);
    const first = await reused.createUserTokenClient(identity('bot-a'));
    expect(await reused.createUserTokenClient(identity('bot-a'))).toBe(first);
    expect(await reused.createUserTokenClient(identity('bot-b'))).not.toBe(first);
    expect(inner.userTokenClients).toBe(2);
  });

  it('does not keep a client that could not be built: the next turn tries again', async () => {
    const inner = new CountingAuthentication();
    const reused = new ReusedConnectorClients(inner);
    inner.refuse = true;
    await expect(reused.createConnectorFactory(identity('bot-a')).create('https://one.example')).rejects.toThrow('credentials refused');
    inner.refuse = false;
    await expect(reused.createConnectorFactory(identity('bot-a')).create('https://one.example')).resolves.toBeInstanceOf(ConnectorClient);
    expect(inner.created).toEqual(['https://one.example ']);
  });
});
