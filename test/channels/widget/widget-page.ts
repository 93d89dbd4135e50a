import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { inject } from 'vitest';
import { loadPlaybook } from '../../../src/playbook/loader.js';
import type { Locale } from '../../../src/qualification/types.js';

/**
 * The Chromium the run's set-up found (CHROME_PATH, else on PATH; test/setup/find-chromium.ts), or '' when
 * none: browser suites are then skipped and reported NOT RUN at the end (under CI=true the run fails instead).
 */
export const CHROMIUM_PATH = inject('chromiumPath');

/** That Chromium, headless, with the flags a closed network needs (no background connections). */
export function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error('No Chromium for this run (set CHROME_PATH): browser suites must be declared with describe.skipIf(!CHROMIUM_PATH).');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Bubble {
  fromUser: boolean;
  text: string;
}

/** One answer of a scripted visitor: typed in the send box, or a click on a quick reply. */
export type Answer = { type: string } | { click: string };

/** Web Chat renders straight quotes as typographic ones and wraps links in zero-width spaces. */
export function normalize(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/\u200b/g, '').replace(/\s+/g, ' ').trim();
}

const playbook = loadPlaybook('champ');

/** The playbook's questions and clarifications per dimension, in one locale. */
export function prompts(locale: Locale): Array<{ dimension: string; texts: string[] }> {
  return playbook.dimensions.map((dimension) => ({ dimension: dimension.id, texts: [dimension.question[locale], dimension.clarification[locale]].map(normalize) }));
}

export const playbookMessages = playbook.messages;

/** A French hot lead by quick-reply clicks only: the route does not depend on which extractor reads free text. */
export const HOT_LEAD: Record<string, Answer> = {
  challenge: { click: 'Pas assez de rendez-vous commerciaux' },
  company: { click: '10 à 50 salariés' },
  authority: { click: 'Je décide' },
  money: { click: 'Oui, budget validé' },
  prioritization: { click: 'Dès que possible' },
};

/** Drives the widget on a page the way a visitor does. */
export class WidgetPage {
  readonly launcher: Locator;
  readonly panel: Locator;
  readonly sendBox: Locator;

  constructor(readonly page: Page) {
    this.launcher = page.locator('button.qb-launcher');
    this.panel = page.locator('#qb-panel');
    this.sendBox = this.panel.locator('[data-id="webchat-sendbox-input"]');
  }

  static async open(context: BrowserContext, url: string): Promise<WidgetPage> {
    const page = await context.newPage();
    await page.goto(url);
    const widget = new WidgetPage(page);
    await widget.launcher.waitFor({ state: 'visible' });
    return widget;
  }

  async bubbles(): Promise<Bubble[]> {
    return this.page.$$eval('#qb-panel .webchat__bubble', (nodes) =>
      nodes.map((node) => ({
        fromUser: node.classList.contains('webchat__bubble--from-user'),
        text: ((node.querySelector('.webchat__bubble__content') as HTMLElement | null)?.innerText ?? '').replace(/[\u2018\u2019]/g, "'").replace(/\u200b/g, '').replace(/\s+/g, ' ').trim(),
      })),
    );
  }

  async waitForBot(text: string, timeoutMs = 15_000): Promise<void> {
    const wanted = normalize(text);
    await this.until(async () => (await this.bubbles()).some((bubble) => !bubble.fromUser && bubble.text.includes(wanted)), timeoutMs, `bot to say "${wanted}"`);
  }

  /** Lines the widget shows as said by the system (an SDR joined, the conversation closed), not in a bubble. */
  async systemLines(): Promise<string[]> {
    return this.page.$$eval('#qb-panel .qb-system', (nodes) => nodes.map((node) => (node as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
  }

  async waitForSystem(text: string, timeoutMs = 15_000): Promise<void> {
    const wanted = normalize(text);
    await this.until(async () => (await this.systemLines()).some((line) => normalize(line).includes(wanted)), timeoutMs, `system line "${wanted}"`);
  }

  async type(text: string): Promise<void> {
    await this.sendBox.fill(text);
    await this.sendBox.press('Enter');
  }

  async click(label: string): Promise<void> {
    await this.panel.locator('.webchat__suggested-actions').getByRole('button', { name: label, exact: true }).click();
  }

  /**
   * Answers whatever playbook question is on screen with the scripted answer for its dimension,
   * until one of the outcome texts appears (or, with `stopAfter`, until the next question after
   * that many answers is on screen). Works whatever order the bot asks in and whether it
   * skips or clarifies a question.
   */
  async converse(
    locale: Locale,
    answers: Record<string, Answer>,
    outcomes: string[],
    options: { afterAnswer?: (count: number) => Promise<void>; stopAfter?: number } = {},
  ): Promise<string[]> {
    const expected = outcomes.map(normalize);
    const questions = prompts(locale);
    const asked: string[] = [];
    let answeredIndex = -1;
    for (let step = 0; step < 15; step += 1) {
      let next: { index: number; dimension: string } | 'done' | undefined;
      await this.until(
        async () => {
          const bubbles = await this.bubbles();
          if (bubbles.some((bubble) => !bubble.fromUser && expected.some((outcome) => bubble.text.includes(outcome)))) return Boolean((next = 'done'));
          for (let index = bubbles.length - 1; index > answeredIndex; index -= 1) {
            const bubble = bubbles[index]!;
            const prompt = bubble.fromUser ? undefined : questions.find((question) => question.texts.some((text) => bubble.text.includes(text)));
            if (prompt) return Boolean((next = { index, dimension: prompt.dimension }));
          }
          return false;
        },
        20_000,
        `a question or one of the outcomes ${JSON.stringify(expected)}`,
      );
      if (next === 'done' || next === undefined || asked.length === options.stopAfter) return asked;
      answeredIndex = next.index;
      asked.push(next.dimension);
      const answer = answers[next.dimension];
      if (!answer) throw new Error(`no scripted answer for ${next.dimension}`);
      if ('type' in answer) await this.type(answer.type);
      else await this.click(answer.click);
      await options.afterAnswer?.(asked.length);
    }
    throw new Error(`no outcome after 15 answers; asked: ${asked.join(', ')}`);
  }

  async storage(): Promise<{ local: Record<string, string>; session: Record<string, string> }> {
    return this.page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
  }

  /** The conversation id inside the visitor token (the test knows the token format). */
  async conversationId(): Promise<string> {
    const token = (await this.storage()).local['qualibot.visitor'];
    if (!token) throw new Error('no visitor token stored');
    return (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { c: string }).c;
  }

  async until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; transcript: ${JSON.stringify(await this.bubbles())}`);
      await this.page.waitForTimeout(50);
    }
  }
}
