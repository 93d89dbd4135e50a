import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildTeamsAppPackage } from '../../channels/teams/teams-app-package.js';
import { loadConfig } from '../../config.js';
import { ConfigError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { loadPlaybook } from '../../playbook/loader.js';

const USAGE = `Usage: qualibot teams-manifest [--out FILE] [--name NAME] [--app-id GUID] [--version X.Y.Z]
                               [--developer NAME] [--website URL] [--privacy URL] [--terms URL] [--color #RRGGBB]
Writes a Microsoft Teams app package (zip) for the bot MicrosoftAppId. --website defaults to PUBLIC_URL,
--privacy to the playbook's privacy link, --terms to the website.`;

const DEFAULT_OUT = 'qualibot-teams-app.zip';
const DEFAULT_COLOR = '#3B5BDB';

/** `qualibot teams-manifest`: the zip to upload in Teams (Apps → Manage your apps → Upload an app). */
export async function runTeamsManifest(args: string[], logger: Logger, env: Record<string, string | undefined> = process.env): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        out: { type: 'string' },
        name: { type: 'string' },
        'app-id': { type: 'string' },
        version: { type: 'string' },
        developer: { type: 'string' },
        website: { type: 'string' },
        privacy: { type: 'string' },
        terms: { type: 'string' },
        color: { type: 'string' },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(env);
  const botId = config.botFramework.appId;
  if (!botId) {
    console.error(`MicrosoftAppId is not set: the package needs the Azure Bot's app id.\n\n${USAGE}`);
    return 2;
  }
  const website = values.website ?? config.publicUrl;
  if (!website) {
    console.error(`No website URL: set PUBLIC_URL or pass --website https://…\n\n${USAGE}`);
    return 2;
  }
  const playbook = loadPlaybook(config.playbook);
  try {
    const { manifest, zip } = buildTeamsAppPackage({
      botId,
      appId: values['app-id'],
      version: values.version ?? packageVersion(),
      name: values.name ?? 'Qualibot',
      developer: {
        name: values.developer ?? 'Qualibot',
        websiteUrl: website,
        privacyUrl: values.privacy ?? playbook.links.privacy,
        termsOfUseUrl: values.terms ?? website,
      },
      publicUrl: config.publicUrl,
      accentColor: values.color ?? DEFAULT_COLOR,
    });
    const out = resolve(values.out ?? DEFAULT_OUT);
    writeFileSync(out, zip);
    logger.info({ out, appId: manifest.id, botId }, 'teams app package written');
    console.log(`Teams app package written to ${out} (manifest ${String(manifest.manifestVersion)}, app ${String(manifest.id)}, version ${String(manifest.version)}).`);
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
}

function packageVersion(): string {
  const file = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
