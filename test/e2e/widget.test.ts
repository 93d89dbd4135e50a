import { mkdirSync } from 'node:fs';
import type { Browser, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n/translate.js';
import { type TcpProxy, startTcpProxy } from '../channels/widget/tcp-proxy.js';
import { type WidgetTestServer, startWidgetTestServer } from '../channels/widget/widget-test-server.js';
import { type Answer, WidgetPage, CHROMIUM_PATH, launchChromium, normalize, playbookMessages, prompts } from '../channels/widget/widget-page.js';

const ARTIFACTS = 'test-artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

/** The server under test and what the tests need from it. */
interface Target {
  url: string;
  privacyUrl: string;
  /** A message pushed by the server into a conversation (e.g. a salesperson), outside any visitor turn. */
  sendProactive(conversationId: string, text: string): Promise<void>;
  close(): Promise<void>;
}

/** The real app: rules extractor (no API key), in-memory SQLite, the widget as wired in src/app.ts. */
async function startRealApp(): Promise<Target> {
  const [{ startApp }, { loadConfig }, { createLogger }] = await Promise.all([import('../../src/app.js'), import('../../src/config.js'), import('../../src/logger.js')]);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: ':memory:', WIDGET_SECRET: 'e2e-widget-secret-0123456789' });
  const app = await startApp(config, createLogger('silent'));
  const { adapter } = app.widget;
  return {
    url: app.url,
    privacyUrl: app.playbook.links.privacy,
    sendProactive: (conversationId, text) => adapter.continueConversation(adapter.conversationReference(conversationId), (context) => context.sendActivity(text).then(() => undefined)),
    close: () => app.close(),
  };
}

/** Always the real app: a module it cannot load fails the test instead of falling back to a stand-in bot. */
const startTarget = startRealApp;

/** The part of a playbook text before its first {placeholder} (rendered as a link by the bot). */
const stablePart = (text: string) => normalize(text.split('{')[0]!);

const FR_HOT_LEAD: Record<string, Answer> = {
  challenge: { type: 'Nous manquons de rendez-vous commerciaux qualifiés : notre pipeline est trop faible.' },
  company: { type: 'Nous sommes un éditeur de logiciels de 80 salariés.' },
  authority: { click: 'Je décide' },
  money: { click: 'Oui, budget validé' },
  prioritization: { type: 'Dès que possible, idéalement le mois prochain.' },
};
const FR_HANDOFF = [playbookMessages.outcome.handoff.fr];

const EN_NURTURE: Record<string, Answer> = {
  challenge: { click: 'Just looking around' },
  company: { type: 'We are a software company with about 40 employees.' },
  authority: { click: 'I recommend, someone else signs off' },
  money: { click: 'Being discussed' },
  prioritization: { type: 'Probably in four or five months.' },
};
const EN_NURTURE_OUTCOMES = [stablePart(playbookMessages.outcome.nurture.en), stablePart(playbookMessages.outcome.nurtureCold.en)];

let browser: Browser;
let target: Target;
let proxy: TcpProxy | undefined;

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await target?.close();
  target = undefined as never; // each test starts its own
});

function sessionRequests(page: WidgetPage['page']): Array<Record<string, any>> {
  const bodies: Array<Record<string, any>> = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/widget/session')) bodies.push(request.postDataJSON() as Record<string, any>);
  });
  return bodies;
}

/** How many bot bubbles contain the text. */
const countBot = (bubbles: Awaited<ReturnType<WidgetPage['bubbles']>>, text: string) => bubbles.filter((bubble) => !bubble.fromUser && bubble.text.includes(normalize(text))).length;

describe.skipIf(!CHROMIUM_PATH)('website widget in a real browser', { timeout: 90_000 }, () => {
  it('French hot lead: opens from the demo page, answers by typing and by quick replies, gets the handoff', async () => {
    target = await startTarget();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const requested: string[] = [];
    const scriptsRun: string[] = [];
    page.on('request', (request) => {
      requested.push(new URL(request.url()).pathname);
      if (request.resourceType() === 'script') scriptsRun.push(new URL(request.url()).pathname);
    });
    const sessions = sessionRequests(page);
    await page.goto(`${target.url}/?utm_source=newsletter&utm_campaign=automne`);
    const widget = new WidgetPage(page);

    // Before opening: an accessible launcher, nothing loaded, nothing stored.
    const launcher = page.getByRole('button', { name: translate('widget.openChat', 'fr', { title: 'Prospekt' }) });
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await page.waitForLoadState('networkidle');
    // The chat's scripts may be prefetched into the HTTP cache once the page is idle, but nothing runs and no session starts.
    expect(requested.filter((path) => path.startsWith('/api/'))).toEqual([]);
    expect(scriptsRun.filter((path) => /^\/widget\/(webchat|direct-line)\.js$/.test(path))).toEqual([]);
    expect(await page.evaluate(() => typeof (window as unknown as { WebChat?: unknown }).WebChat)).toBe('undefined');
    expect(requested).toContain('/widget.js');
    expect(await widget.storage()).toEqual({ local: {}, session: {} });

    await launcher.click();
    const dialog = page.getByRole('dialog', { name: 'Prospekt' });
    await dialog.waitFor();
    expect(await widget.launcher.getAttribute('aria-expanded')).toBe('true');
    expect(await widget.launcher.getAttribute('aria-label')).toBe(translate('widget.closeChat', 'fr'));
    expect(normalize(await page.locator('#qb-notice').innerText())).toBe(normalize(`${translate('widget.notice', 'fr')} ${translate('widget.privacyLink', 'fr')}`));
    expect(await dialog.getByRole('link', { name: translate('widget.privacyLink', 'fr') }).getAttribute('href')).toBe(target.privacyUrl);
    await widget.waitForBot(playbookMessages.greeting.fr);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe('webchat-sendbox-input');

    const asked = await widget.converse('fr', FR_HOT_LEAD, FR_HANDOFF);
    expect(asked).toContain('challenge');
    expect(asked.length).toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(400); // let the transcript finish scrolling
    await page.screenshot({ path: `${ARTIFACTS}/widget-fr-handoff.png` });

    const bubbles = await widget.bubbles();
    const userTexts = bubbles.filter((bubble) => bubble.fromUser).map((bubble) => bubble.text);
    const sent = asked.map((dimension) => FR_HOT_LEAD[dimension]!).map((answer) => ('type' in answer ? answer.type : answer.click));
    expect(userTexts).toEqual(sent.map(normalize)); // typed and clicked answers, each shown once
    expect(countBot(bubbles, playbookMessages.greeting.fr)).toBe(1);
    expect(countBot(bubbles, FR_HANDOFF[0]!)).toBe(1);

    // The loader sent the page context; it stored things only after the visitor opened the chat.
    expect(sessions[0]).toMatchObject({ locale: 'fr-FR', context: { utm_source: 'newsletter', utm_campaign: 'automne', pagesViewed: 1 } });
    expect(sessions[0]!.context.pageUrl).toBe(`${target.url}/?utm_source=newsletter&utm_campaign=automne`);
    const stored = await widget.storage();
    expect(Object.keys(stored.local)).toEqual(['qualibot.visitor']);
    expect(stored.session['qualibot.open']).toBe('1');

    // Escape closes the dialog and gives the focus back to the launcher.
    await widget.sendBox.focus();
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('qb-launcher');
    expect(await launcher.getAttribute('aria-expanded')).toBe('false'); // named "open" again
    await context.close();
  });

  it('English nurture conversation on /en', async () => {
    target = await startTarget();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const widget = await WidgetPage.open(context, `${target.url}/en`);
    expect(await widget.launcher.getAttribute('aria-label')).toBe(translate('widget.openChat', 'en', { title: 'Prospekt' }));
    await widget.launcher.click();
    await widget.waitForBot(playbookMessages.greeting.en);
    expect(await widget.sendBox.getAttribute('placeholder')).toBe('Type your message');
    expect(normalize(await widget.page.locator('#qb-notice').innerText())).toContain(translate('widget.notice', 'en'));

    await widget.converse('en', EN_NURTURE, EN_NURTURE_OUTCOMES);
    const bubbles = await widget.bubbles();
    expect(bubbles.filter((bubble) => !bubble.fromUser && EN_NURTURE_OUTCOMES.some((outcome) => bubble.text.includes(outcome)))).toHaveLength(1);
    expect(countBot(bubbles, FR_HANDOFF[0]!)).toBe(0);
    await widget.page.waitForTimeout(400); // let the transcript finish scrolling
    await widget.page.screenshot({ path: `${ARTIFACTS}/widget-en-nurture.png` });
    await context.close();
  });

  it('finds the same conversation and its history after a page reload, then carries on', async () => {
    target = await startTarget();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'fr-FR' });
    const widget = await WidgetPage.open(context, `${target.url}/`);
    const sessions = sessionRequests(widget.page);
    await widget.launcher.click();
    await widget.converse('fr', FR_HOT_LEAD, FR_HANDOFF, { stopAfter: 2 });
    const before = await widget.bubbles();
    const conversationId = await widget.conversationId();

    await widget.page.reload();
    // The chat was open: it opens again by itself and replays the history.
    await widget.until(async () => (await widget.bubbles()).length >= before.length, 15_000, 'the history after reload');
    const after = await widget.bubbles();
    expect(after.map((bubble) => bubble.text)).toEqual(before.map((bubble) => bubble.text));
    expect(await widget.conversationId()).toBe(conversationId);
    expect(sessions).toHaveLength(2);
    expect(sessions[1]!.visitorToken).toEqual(expect.any(String));
    expect(sessions[1]!.context.pagesViewed).toBe(2);

    await widget.converse('fr', FR_HOT_LEAD, FR_HANDOFF);
    const final = await widget.bubbles();
    expect(countBot(final, playbookMessages.greeting.fr)).toBe(1);
    expect(countBot(final, FR_HANDOFF[0]!)).toBe(1);
    await context.close();
  });

  it('survives the network dropping mid-conversation: nothing lost, nothing twice', async () => {
    target = await startTarget();
    proxy = await startTcpProxy(target.url);
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'fr-FR' });
    const widget = await WidgetPage.open(context, `${proxy.url}/`);
    await widget.launcher.click();
    await widget.converse('fr', FR_HOT_LEAD, FR_HANDOFF, { stopAfter: 1 });
    const conversationId = await widget.conversationId();

    // Network down; meanwhile the server has something to say.
    proxy.pause();
    await widget.page.waitForTimeout(400);
    const whileAway = 'Julie, de Prospekt : je regarde votre demande.';
    await target.sendProactive(conversationId, whileAway);
    await widget.page.waitForTimeout(400);
    proxy.resume();
    await widget.waitForBot(whileAway, 20_000);

    // Carry on; right after one answer the connection drops again.
    await widget.converse('fr', FR_HOT_LEAD, FR_HANDOFF, {
      afterAnswer: async (count) => {
        if (count === 2) proxy!.drop();
      },
    });
    await widget.page.waitForTimeout(400); // let the transcript finish scrolling
    await widget.page.screenshot({ path: `${ARTIFACTS}/widget-fr-after-network-drop.png` });

    const bubbles = await widget.bubbles();
    expect(countBot(bubbles, whileAway)).toBe(1);
    expect(countBot(bubbles, playbookMessages.greeting.fr)).toBe(1);
    expect(countBot(bubbles, FR_HANDOFF[0]!)).toBe(1);
    for (const prompt of prompts('fr')) {
      expect(bubbles.filter((bubble) => !bubble.fromUser && bubble.text.includes(prompt.texts[0]!)).length).toBeLessThanOrEqual(1);
    }
    const userTexts = bubbles.filter((bubble) => bubble.fromUser).map((bubble) => bubble.text);
    expect(new Set(userTexts).size).toBe(userTexts.length);
    expect(await widget.page.locator('#qb-panel .webchat__activity-status', { hasText: /Échec|Réessayer/ }).count()).toBe(0);
    await context.close();
  });
});

describe.skipIf(!CHROMIUM_PATH)('what Web Chat draws from the bot activities', { timeout: 90_000 }, () => {
  let server: WidgetTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('markdown, quick replies, typing indicator, Adaptive Cards, and a polite rate-limit notice', async () => {
    server = await startWidgetTestServer({ messagesPerMinute: 6 }, { typingDelayMs: 700 });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    const widget = await WidgetPage.open(context, `${server.url}/`);
    await widget.launcher.click();
    await widget.waitForBot(playbookMessages.greeting.fr);

    const notice = widget.panel.locator('.webchat__bubble', { hasText: 'Assistant automatisé' });
    expect(await notice.locator('em').count()).toBe(1); // markdown italics
    expect(await notice.getByRole('link').getAttribute('href')).toBe('https://prospekt.example/confidentialite');
    expect(await widget.panel.locator('.webchat__suggested-actions').getByRole('button').allInnerTexts()).toEqual(
      ['Pas assez de rendez-vous commerciaux', 'Notre pipeline est trop faible', 'Je me renseigne simplement'],
    );

    await widget.click('Notre pipeline est trop faible');
    await widget.panel.locator('.webchat__typing-indicator').waitFor({ state: 'visible', timeout: 5000 });
    await widget.page.waitForTimeout(400); // let the transcript finish scrolling
    await widget.page.screenshot({ path: `${ARTIFACTS}/widget-mobile-typing.png` });
    await widget.waitForBot(prompts('fr')[1]!.texts[0]!); // the next question, so the script starts there
    const asked = await widget.converse('fr', FR_HOT_LEAD, FR_HANDOFF);
    expect(asked).toEqual(['company', 'authority', 'money', 'prioritization']);
    const card = widget.panel.locator('.ac-adaptiveCard');
    await card.waitFor();
    expect(normalize(await card.innerText())).toContain('Prochaine étape');

    // 5 answers were sent; the 7th message in a minute is refused, and said so politely.
    for (const text of ['un', 'deux']) await widget.type(text);
    await widget.panel.locator('.webchat__toaster', { hasText: translate('widget.rateLimited', 'fr') }).waitFor({ timeout: 10_000 });
    await widget.page.waitForTimeout(400); // let the transcript finish scrolling
    await widget.page.screenshot({ path: `${ARTIFACTS}/widget-mobile-rate-limited.png` });
    await context.close();
  });
});
