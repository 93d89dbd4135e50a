import { isTextKey } from '../../i18n/catalogue.js';
import { translate } from '../../i18n/translate.js';
import type { Locale } from '../../qualification/types.js';

/** One language's texts of the Teams app listing (limits: short description 80, command title 32). */
export interface ManifestTexts {
  nameFull: string;
  descriptionShort: string;
  descriptionFull: string;
  /** Commands offered in the compose box; clicking one sends its title to the bot. */
  commands: Array<{ title: string; description: string }>;
}

/** What Teams users read about the app: the catalogue's `teams.*`, commands `teams.command1.…` onwards. */
export function manifestTexts(locale: Locale): ManifestTexts {
  const commands: ManifestTexts['commands'] = [];
  for (let index = 1; ; index += 1) {
    const title = `teams.command${index}.title`;
    const description = `teams.command${index}.description`;
    if (!isTextKey(title) || !isTextKey(description)) break;
    commands.push({ title: translate(title, locale), description: translate(description, locale) });
  }
  return {
    nameFull: translate('teams.nameFull', locale),
    descriptionShort: translate('teams.descriptionShort', locale),
    descriptionFull: translate('teams.descriptionFull', locale),
    commands,
  };
}
