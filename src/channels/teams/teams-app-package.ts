import { zipSync } from 'fflate';
import { ConfigError } from '../../errors.js';
import { colorIconPng, outlineIconPng } from './teams-icons.js';
import { LOCALES } from '../../qualification/types.js';
import { manifestTexts, type ManifestTexts } from './teams-manifest-texts.js';

export const MANIFEST_VERSION = '1.17';
const SCHEMA = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
const LOCALIZATION_SCHEMA = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;
const SCOPES = ['personal', 'team', 'groupChat'] as const;
/** Teams' default language is English; every other locale the bot speaks is a localization file. */
const OTHER_LOCALES = LOCALES.filter((locale) => locale !== 'en');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TeamsAppOptions {
  /** The Azure Bot's Microsoft App ID (MicrosoftAppId). */
  botId: string;
  /** The Teams app's own id; the bot id unless given. */
  appId?: string;
  /** Semantic version; Teams wants it raised on every re-upload. */
  version: string;
  /** Short name (≤ 30 characters), the same in every language. */
  name: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  /** Where the bot is served; its host becomes a valid domain. */
  publicUrl?: string;
  accentColor: string;
}

/** The manifest (v1.17): one bot in personal, team and group-chat scopes, with English default texts. */
export function buildTeamsManifest(options: TeamsAppOptions): Record<string, unknown> {
  validate(options);
  const en = manifestTexts('en');
  return {
    $schema: SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: options.appId ?? options.botId,
    localizationInfo: { defaultLanguageTag: 'en-us', additionalLanguages: OTHER_LOCALES.map((locale) => ({ languageTag: locale, file: `${locale}.json` })) },
    developer: options.developer,
    name: { short: options.name, full: en.nameFull },
    description: { short: en.descriptionShort, full: en.descriptionFull },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: options.accentColor,
    bots: [
      {
        botId: options.botId,
        scopes: [...SCOPES],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: [...SCOPES], commands: en.commands }],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: options.publicUrl ? [new URL(options.publicUrl).hostname] : [],
  };
}

/** A localization file: the manifest's texts in another language, keyed by their JSON path. */
export function buildLocalization(name: string, texts: ManifestTexts): Record<string, string> {
  const file: Record<string, string> = {
    $schema: LOCALIZATION_SCHEMA,
    'name.short': name,
    'name.full': texts.nameFull,
    'description.short': texts.descriptionShort,
    'description.full': texts.descriptionFull,
  };
  texts.commands.forEach((command, index) => {
    file[`bots[0].commandLists[0].commands[${index}].title`] = command.title;
    file[`bots[0].commandLists[0].commands[${index}].description`] = command.description;
  });
  return file;
}

/** The zip Teams accepts as an app package: manifest.json, both icons, a localization file per other locale. */
export function buildTeamsAppPackage(options: TeamsAppOptions): { manifest: Record<string, unknown>; zip: Buffer } {
  const manifest = buildTeamsManifest(options);
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  const zip = zipSync({
    'manifest.json': json(manifest),
    'color.png': colorIconPng(options.accentColor),
    'outline.png': outlineIconPng(),
    ...Object.fromEntries(OTHER_LOCALES.map((locale) => [`${locale}.json`, json(buildLocalization(options.name, manifestTexts(locale)))])),
  });
  return { manifest, zip: Buffer.from(zip) };
}

function validate(options: TeamsAppOptions): void {
  const problems: string[] = [];
  if (!GUID.test(options.botId)) problems.push(`bot id "${options.botId}" is not a GUID (MicrosoftAppId)`);
  if (options.appId !== undefined && !GUID.test(options.appId)) problems.push(`app id "${options.appId}" is not a GUID`);
  if (!/^\d+\.\d+\.\d+$/.test(options.version)) problems.push(`version "${options.version}" is not MAJOR.MINOR.PATCH`);
  if (!options.name || options.name.length > 30) problems.push('the short name must have 1 to 30 characters');
  if (!/^#[0-9a-f]{6}$/i.test(options.accentColor)) problems.push(`accent colour "${options.accentColor}" is not #RRGGBB`);
  for (const [field, url] of Object.entries(options.developer)) {
    if (field !== 'name' && !isHttps(url)) problems.push(`developer ${field} "${url}" must be an https:// URL`);
  }
  if (!options.developer.name) problems.push('the developer name is empty');
  if (options.publicUrl && !isHttps(options.publicUrl)) problems.push(`PUBLIC_URL "${options.publicUrl}" must be an https:// URL for Teams`);
  if (problems.length > 0) throw new ConfigError(`Cannot build the Teams app package:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
}

function isHttps(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
