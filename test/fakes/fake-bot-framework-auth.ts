import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { BotFrameworkAuthentication } from '../../src/bot/bot-pipeline.js';

/** The issuer of the tokens the Bot Framework channels send to bots. */
const CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * Azure Bot Service's side of Bot Framework authentication on loopback: the OpenID metadata and
 * signing keys (with channel endorsements) that the SDK reads to validate the JWT of every incoming
 * activity, and tokens signed with them. The real validation code of botbuilder runs against it.
 * Replies carry a bearer token of ours: obtaining one from Azure AD (MSAL, HTTPS only) is out of reach here.
 */
export class FakeBotFrameworkAuth {
  private readonly keyId = randomUUID();
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { n: string; e: string };
  private server?: Server;
  url = '';

  private constructor(readonly appId: string) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.publicJwk = { n: jwk.n!, e: jwk.e! };
  }

  static async start(appId: string): Promise<FakeBotFrameworkAuth> {
    const fake = new FakeBotFrameworkAuth(appId);
    fake.server = createServer((req, res) => {
      const body =
        req.url === '/v1/.well-known/openidconfiguration'
          ? { issuer: CHANNEL_ISSUER, jwks_uri: `${fake.url}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] }
          : req.url === '/v1/.well-known/keys'
            ? { keys: [{ kty: 'RSA', use: 'sig', kid: fake.keyId, ...fake.publicJwk, endorsements: ['webchat', 'msteams', 'directline'] }] }
            : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((resolve) => fake.server!.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The `Authorization` header a channel sends with an activity whose serviceUrl is `serviceUrl`. */
  channelAuthorization(serviceUrl: string): string {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: this.keyId })}.${encode({ iss: CHANNEL_ISSUER, aud: this.appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 })}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(this.privateKey).toString('base64url');
    return `Bearer ${unsigned}.${signature}`;
  }

  /** What the app authenticates with: real token validation against this fake, bearer-token replies. */
  authentication(): BotFrameworkAuthentication {
    const appId = this.appId;
    const credentialsFactory = {
      isValidAppId: async (candidate: string) => candidate === appId,
      isAuthenticationDisabled: async () => false,
      createCredentials: async () => ({
        signRequest: async <T extends { headers: { set(name: string, value: string): void } }>(request: T) => {
          request.headers.set('authorization', `Bearer reply-token-for-${appId}`);
          return request;
        },
      }),
    };
    return new ConfigurationBotFrameworkAuthentication(
      { MicrosoftAppId: appId, ToBotFromChannelOpenIdMetadataUrl: `${this.url}/v1/.well-known/openidconfiguration`, ToBotFromChannelTokenIssuer: CHANNEL_ISSUER },
      credentialsFactory as unknown as ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1],
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
