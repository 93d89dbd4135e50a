import { buildBot, type BotParts } from '../bot/build-bot.js';
import { loadConfig } from '../config.js';
import { createExtractor } from '../extraction/create-extractor.js';
import { useTextOverrides } from '../i18n/translate.js';
import type { Logger } from '../logger.js';
import { loadPlaybook } from '../playbook/loader.js';

/** The same bot `npm start` runs (playbook and extractor from the environment), with in-memory state. */
export function botFromEnv(logger: Logger, env: Record<string, string | undefined> = process.env): BotParts {
  const config = loadConfig(env);
  const playbook = loadPlaybook(config.playbook);
  useTextOverrides(playbook.texts);
  return buildBot({ playbook, extractor: createExtractor(config, playbook, logger), logger });
}

/** The environment with PLAYBOOK set from a `--playbook` option, when one was given. */
export function withPlaybook(env: Record<string, string | undefined>, playbook: string | undefined): Record<string, string | undefined> {
  return playbook ? { ...env, PLAYBOOK: playbook } : env;
}
