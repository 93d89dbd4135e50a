import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { BotCredentials } from './bot-framework-adapter.js';
import { ReusedConnectorClients } from './reused-connector-clients.js';

/** How botbuilder's adapter authenticates requests and replies (botframework-connector's type, through botbuilder). */
export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;

/** The bot's credentials as botbuilder's authentication (Entra / Bot Framework keys, token for replies). */
export function botbuilderAuthentication(credentials: BotCredentials): BotFrameworkAuthentication {
  const settings = {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.appPassword,
    MicrosoftAppType: credentials.appType,
    MicrosoftAppTenantId: credentials.tenantId,
  };
  return new ConfigurationBotFrameworkAuthentication(settings, new ConfigurationServiceClientCredentialFactory(settings));
}

/**
 * The Bot Framework SDK runtime (`BOT_RUNTIME=botbuilder`, the default): botbuilder 4.23's CloudAdapter, with the
 * credentials' authentication or the one given (tests: a fake of the Bot Service's keys), keeping one connector
 * client per service URL instead of building one per turn.
 */
export function createBotbuilderAdapter(credentials: BotCredentials | BotFrameworkAuthentication): CloudAdapter {
  return new CloudAdapter(new ReusedConnectorClients(isCredentials(credentials) ? botbuilderAuthentication(credentials) : credentials));
}

function isCredentials(value: BotCredentials | BotFrameworkAuthentication): value is BotCredentials {
  return typeof (value as BotCredentials).appId === 'string' && typeof (value as BotCredentials).appType === 'string';
}
