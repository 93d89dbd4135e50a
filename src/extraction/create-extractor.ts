import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Playbook } from '../playbook/schema.js';
import { CombinedExtractor } from './combined-extractor.js';
import type { Extractor } from './extractor.js';
import { LlmExtractor } from './llm/llm-extractor.js';
import { RulesExtractor } from './rules/rules-extractor.js';

/** Rules offline; with an API key, the LLM reads every message it can add to and the rules extractor backs it up. */
export function createExtractor(config: Config, playbook: Playbook, logger: Logger): Extractor {
  const rules = new RulesExtractor(playbook, { warmUp: config.warmUp });
  if (!config.llm) return rules;
  return new CombinedExtractor(playbook, rules, new LlmExtractor(playbook, { ...config.llm, logger }), logger, { everyMessage: config.llm.everyMessage });
}
