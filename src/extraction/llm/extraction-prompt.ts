import type { Playbook } from '../../playbook/schema.js';
import { loadPrompt, type LoadedPrompt } from '../../prompts/load-prompt.js';
import { LOCALES, type Locale } from '../../qualification/types.js';
import { ConfigError } from '../../errors.js';
import type { ExtractionInput } from '../extractor.js';
import { PROMPT_CANARY } from './canary.js';
import { neutraliseMarkers } from './fence.js';
import { renderDimensions, renderKnockouts, renderKnownFacts, renderOpenQuestions } from './playbook-catalogue.js';
import { extractFactsConfig, type ExtractFactsConfig } from './extract-facts-config.js';

export const EXTRACT_FACTS_PROMPT = 'extract-facts';

export interface ExtractionMessages {
  system: string;
  user: string;
}

/**
 * Builds the two messages of an extraction call from `prompts/extract-facts/`: the system prompt
 * (rules + the playbook rendered in, identical across turns) and the user message (date, open questions,
 * context) in which every visitor text is fenced.
 */
export class ExtractionPrompt {
  readonly config: ExtractFactsConfig;
  private readonly prompts: Record<Locale, LoadedPrompt>;
  private readonly systems = new Map<Locale, string>();

  constructor(
    private readonly playbook: Playbook,
    private readonly rephrase: boolean,
    promptsDir?: string,
  ) {
    this.prompts = Object.fromEntries(LOCALES.map((locale) => [locale, loadPrompt(EXTRACT_FACTS_PROMPT, locale, promptsDir)])) as Record<Locale, LoadedPrompt>;
    this.config = extractFactsConfig(this.prompts.en.config);
    for (const locale of LOCALES) {
      const probe = this.build({ text: '', locale, turn: 1, known: {}, history: [] }, new Date(0));
      // The canary is how tests and monitoring detect a leak: a prompt edited without it is a config error.
      if (!probe.system.includes(PROMPT_CANARY)) {
        throw new ConfigError(`Prompt ${EXTRACT_FACTS_PROMPT}/system.${locale}.txt must contain {canary}`);
      }
    }
  }

  build(input: ExtractionInput, today: Date): ExtractionMessages {
    const prompt = this.prompts[input.locale];
    const openQuestions = this.rephrase ? `${prompt.render('open-questions', { questions: renderOpenQuestions(this.playbook, input.known, input.locale) }).trimEnd()}\n` : '';
    const history = input.history.slice(-this.config.historyMessages).map((message) => neutraliseMarkers(message));
    const user = prompt.render('user', {
      today: today.toISOString().slice(0, 10),
      openQuestions,
      askedDimension: input.askedDimension ?? '-',
      knownFacts: renderKnownFacts(input.known),
      history: history.join('\n'),
      message: neutraliseMarkers(input.text),
    });
    return { system: this.systemMessage(input.locale), user };
  }

  /**
   * The instructions and the playbook: the same bytes for every turn and conversation of a locale, so a provider's
   * prompt cache serves them (what changes — the date, open questions, history, message — is in the user message).
   */
  private systemMessage(locale: Locale): string {
    const cached = this.systems.get(locale);
    if (cached !== undefined) return cached;
    const prompt = this.prompts[locale];
    const system = prompt.render('system', {
      playbookName: this.playbook.name,
      canary: PROMPT_CANARY,
      icp: this.playbook.icp.description,
      minEmployees: String(this.playbook.icp.minEmployees),
      dimensions: renderDimensions(this.playbook),
      knockouts: renderKnockouts(this.playbook),
      rephrase: this.rephrase ? prompt.render('rephrase') : '',
    });
    this.systems.set(locale, system);
    return system;
  }

  /** The fixed wording of the instructions (no rendered values), for the prompt-leak check. */
  instructionTexts(locale: Locale): string[] {
    const prompt = this.prompts[locale];
    return ['system', ...(this.rephrase ? ['rephrase'] : [])].map((part) => prompt.template(part));
  }
}
