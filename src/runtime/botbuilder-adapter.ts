import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { BotCredentials } from './bot-framework-adapter.js';

/** The Bot Framework SDK runtime (`BOT_RUNTIME=botbuilder`, the default): botbuilder 4.23's CloudAdapter. */
export function createBotbuilderAdapter(credentials: BotCredentials): CloudAdapter {
  const settings = {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppPassword: credentials.appPassword,
    MicrosoftAppType: credentials.appType,
    MicrosoftAppTenantId: credentials.tenantId,
  };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings, new ConfigurationServiceClientCredentialFactory(settings)));
}
