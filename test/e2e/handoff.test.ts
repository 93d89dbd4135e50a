import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { hashPassword } from '../../src/handoff/password-hash.js';
import { createLogger } from '../../src/logger.js';
import type { Database } from '../../src/storage/ports/database.js';
import { FakeSmtpServer } from '../fakes/fake-smtp-server.js';
import { WidgetPage, CHROMIUM_PATH, HOT_LEAD, launchChromium, normalize, playbookMessages, prompts, type Answer } from '../channels/widget/widget-page.js';

/** `npm run screenshots` points this at docs/screenshots (the README shows some of them). */
const ARTIFACTS = process.env.SCREENSHOTS_DIR || 'test-artifacts';
mkdirSync(ARTIFACTS, { recursive: true });
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const SDR = { email: 'marie@prospekt.example', name: 'Marie — Sales', password: 'correct horse battery' };
const HANDOFF_OUTCOME = playbookMessages.outcome.handoff.fr;

interface Target {
  url: string;
  db: Database;
  /** The SMTP server the app sends transcripts to. */
  smtp: FakeSmtpServer;
  close(): Promise<void>;
}

/** The real application (widget, bot, handoff module, SQLite in memory) on a loopback port. */
async function startTarget(): Promise<Target> {
  const smtp = await new FakeSmtpServer().start();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: ':memory:',
    BUSINESS_HOURS: '',
    HANDOFF_ASSIGNMENT_TIMEOUT_S: '600',
    SDR_TOKEN_SECRET: 'e2e-secret-0123456789abcdef',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_FROM: 'Prospekt <chat@prospekt.example>',
  });
  const app = await startApp(config, createLogger('silent'));
  await app.db.sdrs.add({ id: randomUUID(), email: SDR.email, name: SDR.name, passwordHash: await hashPassword(SDR.password) });
  return { url: app.url, db: app.db, smtp, close: async () => { await app.close(); await smtp.stop(); } };
}

/** The visitor's widget: what the bot (or the SDR through it) said, in order. */
async function botBubbles(widget: WidgetPage): Promise<string[]> {
  return (await widget.bubbles()).filter((bubble) => !bubble.fromUser).map((bubble) => bubble.text);
}

const DESKTOP = { width: 1280, height: 860 };
const MOBILE = { width: 390, height: 844 };

interface Visitor {
  context: BrowserContext;
  widget: WidgetPage;
  /** From the click on the launcher to the first bot words, in ms. */
  firstWordsMs: number;
  /** From the click to the first question on screen (painted by the loader), and in Web Chat (ready to answer), in ms. */
  firstQuestionMs: number;
  interactiveQuestionMs: number;
}

const FIRST_QUESTION = prompts('fr')[0]!.texts[0]!;

async function reachHandoff(browser: Browser, url: string, options: { viewport?: typeof DESKTOP; warm?: boolean; answers?: Partial<Record<string, Answer>> } = {}): Promise<Visitor> {
  const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: 'fr-FR', ...(options.viewport === MOBILE ? { isMobile: true, hasTouch: true } : {}) });
  const widget = await WidgetPage.open(context, `${url}/`);
  // Warm: the loader prefetched Web Chat while the page was idle, as it does for a visitor who reads first.
  if (options.warm) await widget.page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('webchat')), undefined, { timeout: 20_000 });
  const clicked = Date.now();
  await widget.launcher.click();
  // The loader paints the greeting and the first question at once; Web Chat takes over when it has them.
  await widget.panel.locator('.qb-preview', { hasText: normalize(FIRST_QUESTION).slice(0, 30) }).waitFor({ timeout: 10_000 });
  const firstQuestionMs = Date.now() - clicked;
  // A cold open parses Web Chat (≈ 4 MB of script): on a loaded CI machine that alone may take 15 s.
  await widget.waitForBot(playbookMessages.greeting.fr, 30_000);
  const firstWordsMs = Date.now() - clicked;
  await widget.waitForBot(FIRST_QUESTION, 30_000);
  const interactiveQuestionMs = Date.now() - clicked;
  await widget.converse('fr', { ...HOT_LEAD, ...options.answers } as Record<string, Answer>, [HANDOFF_OUTCOME]);
  await widget.waitForBot("En attendant qu'un expert vous rejoigne");
  return { context, widget, firstWordsMs, firstQuestionMs, interactiveQuestionMs };
}

/** axe-core in the page: the WCAG 2 A/AA violations rated serious or critical. */
async function seriousViolations(page: Page, selector?: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(include ? { include: [include] } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target)).slice(0, 300)}`);
  }, selector);
}

async function sdrLogin(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${url}/sdr`);
  await page.locator('#login-email').fill(SDR.email);
  await page.locator('#login-password').fill(SDR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#app-view').waitFor({ state: 'visible' });
  await page.locator('#connection[data-state="on"]').waitFor();
  return { context, page };
}

let browser: Browser;
let target: Target;

beforeAll(async () => {
  browser = await launchChromium();
  target = await startTarget();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await target?.close();
});

describe.skipIf(!CHROMIUM_PATH)('human handoff in real browsers: a visitor in the widget, an SDR in the console', { timeout: 120_000 }, () => {
  it('alerts the SDR, who claims, chats both ways while the bot stays silent, then hands back to the bot', async () => {
    const sdr = await sdrLogin(browser, target.url);
    const desk = sdr.page;
    expect(await desk.locator('.tab[data-view="queued"]').innerText()).toContain('Queue');

    // The visitor types their job title with their authority: the title is kept as its own evidence.
    const visitor = await reachHandoff(browser, target.url, { answers: { authority: { type: 'je suis directeur commercial et je décide' } } });
    const conversationId = await visitor.widget.conversationId();

    // A new lead: alert toast, and the queue item with its reason badge, score and ticking wait.
    await desk.locator('.toast-alert', { hasText: 'New lead waiting' }).waitFor();
    const item = desk.locator('.handoff-item[data-status="queued"]').first();
    await item.waitFor();
    expect(await item.locator('.score').innerText()).toBe('100');
    expect(await item.locator('.badge-high_score').innerText()).toBe('High score');
    const waited = await item.locator('.waiting').innerText();
    await expect.poll(() => item.locator('.waiting').innerText(), { timeout: 5000 }).not.toBe(waited);
    await desk.screenshot({ path: `${ARTIFACTS}/handoff-sdr-queue.png` });

    // The lead card: facts in the visitor's own words, the score rule by rule.
    await item.click();
    await desk.locator('#lead').waitFor({ state: 'visible' });
    expect(await desk.locator('#lead-score strong').innerText()).toBe('100');
    expect(await desk.locator('.fact[data-dimension="challenge"] .evidence').innerText()).toBe('Pas assez de rendez-vous commerciaux');
    expect(await desk.locator('.fact[data-dimension="money"] .confidence').innerText()).toContain('confidence 100%');
    expect(await desk.locator('#reasons tr').count()).toBeGreaterThanOrEqual(5);
    expect(await desk.locator('#transcript .line-visitor').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('je décide')]));
    // The job title: in the header (not "Anonymous visitor"), the list and the contact block, in the visitor's words.
    expect(await desk.locator('#lead-heading').innerText()).toMatch(/^Directeur commercial · /);
    expect(await item.locator('.item-who').innerText()).toContain('Directeur commercial');
    expect(normalize(await desk.locator('#contact').innerText())).toContain('Job title directeur commercial');
    expect(await desk.locator('.fact[data-dimension="authority"] .evidence').innerText()).toBe('et je décide');

    // Internal notes: on the card with author and time, for the team only.
    await desk.locator('#note-text').fill('Budget confirmé au téléphone, rappeler jeudi');
    await desk.getByRole('button', { name: 'Add a note' }).click();
    await desk.locator('#notes .note', { hasText: 'Budget confirmé au téléphone' }).waitFor();
    expect(await desk.locator('#notes .note small').first().innerText()).toMatch(/^Marie — Sales, \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await desk.screenshot({ path: `${ARTIFACTS}/handoff-sdr-lead-card.png` });

    // Claim: the visitor is told who joined, as a system line (not a bot bubble).
    await desk.locator('#claim-btn').click();
    await desk.locator('#composer').waitFor({ state: 'visible' });
    await visitor.widget.waitForSystem('Marie — Sales a rejoint la conversation.');
    expect((await botBubbles(visitor.widget)).some((text) => text.includes('a rejoint'))).toBe(false);
    const botLinesAtClaim = (await botBubbles(visitor.widget)).length;

    // SDR → visitor, signed with the SDR's name; a canned reply chosen by keyboard ('/', ↓, Enter), then edited.
    await desk.locator('#composer-text').pressSequentially('/');
    await desk.locator('#canned-list [role="option"]').first().waitFor();
    expect(await desk.locator('#canned-list [role="option"] strong').allInnerTexts()).toEqual(['Se présenter', "Demander l'e-mail", 'Proposer une démo', 'Je vérifie']);
    await desk.locator('#composer-text').press('ArrowDown');
    expect(await desk.locator('#canned-list [aria-selected="true"] strong').innerText()).toBe("Demander l'e-mail");
    await desk.locator('#composer-text').press('Enter');
    expect(await desk.locator('#composer-text').inputValue()).toBe('Pouvez-vous me laisser votre adresse e-mail professionnelle, pour que je vous envoie un récapitulatif ?');
    await desk.locator('#composer-text').fill('Bonjour, je suis Marie. Combien de rendez-vous visez-vous par mois ?');
    await desk.locator('#composer-text').press('Enter');
    await visitor.widget.waitForBot('Marie — Sales : Bonjour, je suis Marie. Combien de rendez-vous visez-vous par mois ?');
    // The SDR's initials on their bubble, named for screen readers; the bot's avatar on the bot's.
    const sdrAvatar = visitor.widget.panel.locator('.qb-sdr-avatar').last();
    await sdrAvatar.waitFor();
    expect(await sdrAvatar.innerText()).toBe('MS');
    expect(await sdrAvatar.getAttribute('aria-label')).toBe('Marie — Sales');

    // Visitor → SDR, live; visitor text shown as text, never as HTML.
    const injected = '<img src=x onerror="window.__pwned=1">';
    await visitor.widget.type('Une vingtaine par mois, pour 3 commerciaux.');
    await visitor.widget.type(injected);
    await desk.locator('#transcript .line-visitor .bubble', { hasText: 'Une vingtaine par mois' }).waitFor();
    await desk.locator('#transcript .line-visitor .bubble', { hasText: injected }).waitFor();
    expect(await desk.locator('#transcript img').count()).toBe(0);
    expect(await desk.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // A canned reply by mouse: the button, then a click on the reply.
    await desk.locator('#canned-btn').click();
    await desk.locator('#canned-list [role="option"]', { hasText: 'Proposer une démo' }).click();
    await desk.locator('#composer-text').press('Enter');
    await visitor.widget.waitForBot('Marie — Sales : Je vous propose une démonstration de 30 minutes.');
    await desk.locator('#composer-text').fill('Parfait, je vous propose une démo demain à 10h.');
    await desk.locator('#composer-text').press('Enter');
    await visitor.widget.waitForBot('Marie — Sales : Parfait, je vous propose une démo demain à 10h.');
    // Give the bot every chance to (wrongly) answer the visitor's two messages.
    await visitor.widget.page.waitForTimeout(1500);
    await desk.screenshot({ path: `${ARTIFACTS}/handoff-sdr-live-chat.png` });
    await visitor.widget.page.screenshot({ path: `${ARTIFACTS}/handoff-visitor-live.png` });

    // While Marie held the conversation, every bot-side bubble the visitor got came from her.
    const whileLive = (await botBubbles(visitor.widget)).slice(botLinesAtClaim);
    expect(whileLive.map(normalize)).toEqual([
      'Marie — Sales : Bonjour, je suis Marie. Combien de rendez-vous visez-vous par mois ?',
      'Marie — Sales : Je vous propose une démonstration de 30 minutes. Quels jours vous conviennent cette semaine ?',
      'Marie — Sales : Parfait, je vous propose une démo demain à 10h.',
    ]);
    // The internal note never reached the visitor.
    expect((await botBubbles(visitor.widget)).join(' ')).not.toContain('Budget confirmé');

    // Release: the bot says it is back and answers again.
    await desk.locator('#release-btn').click();
    await visitor.widget.waitForBot("C'est de nouveau l'assistant");
    await visitor.widget.type('Merci beaucoup !');
    await visitor.widget.waitForBot(normalize(playbookMessages.afterOutcome.fr));
    expect((await target.db.handoffs.list({ conversationId })).at(-1)).toMatchObject({ status: 'released', endReason: 'released-to-bot', sdrName: SDR.name });

    await desk.locator('.tab[data-view="closed"]').click();
    await desk.locator('.handoff-item[data-status="released"]').first().waitFor();
    await desk.screenshot({ path: `${ARTIFACTS}/handoff-sdr-closed-list.png` });
    await visitor.context.close();
    await sdr.context.close();
  });

  it('closes with an outcome from the console (French UI), which the visitor is told', async () => {
    const sdr = await sdrLogin(browser, target.url);
    const desk = sdr.page;
    await desk.getByRole('button', { name: 'FR' }).click();
    expect(await desk.locator('.tab[data-view="queued"]').innerText()).toContain("File d'attente");

    const visitor = await reachHandoff(browser, target.url);
    const conversationId = await visitor.widget.conversationId();
    const item = desk.locator('.handoff-item[data-status="queued"]').first();
    await item.waitFor();
    await item.click();
    await desk.getByRole('button', { name: 'Prendre la main' }).click();
    await visitor.widget.waitForSystem('Marie — Sales a rejoint la conversation.');

    await desk.getByRole('button', { name: 'Clôturer…' }).click();
    await desk.locator('#close-dialog').waitFor({ state: 'visible' });
    await desk.getByLabel('Rendez-vous pris').check();
    await desk.locator('#close-reason').fill('Démo jeudi 10h');
    await desk.screenshot({ path: `${ARTIFACTS}/handoff-sdr-close-dialog.png` });
    await desk.locator('#close-dialog').getByRole('button', { name: 'Clôturer' }).click();
    await visitor.widget.waitForSystem('Marie — Sales a clôturé la conversation.');

    // After the close: an optional rating, and the transcript by e-mail (a mail transport is configured).
    const end = visitor.widget.panel.locator('.qb-end');
    await end.getByRole('button', { name: '4 sur 5' }).click();
    await end.locator('.qb-rating .qb-feedback', { hasText: 'Merci pour votre avis !' }).waitFor();
    const email = end.getByLabel('Recevoir la transcription par e-mail');
    await email.fill('claire@');
    await end.getByRole('button', { name: 'Envoyer' }).click();
    await end.locator('.qb-transcript .qb-feedback', { hasText: "Cette adresse e-mail n'est pas valide" }).waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await email.fill('claire@client.example');
    await end.getByRole('button', { name: 'Envoyer' }).click();
    await end.locator('.qb-transcript .qb-feedback', { hasText: 'Transcription envoyée à claire@client.example.' }).waitFor();
    const mail = target.smtp.mails.at(-1)!;
    expect(mail.subject).toBe('Votre conversation avec Prospekt');
    expect(mail.to).toMatchObject({ value: [{ address: 'claire@client.example' }] });
    expect(mail.text).toContain('Vous\nDès que possible');
    expect(mail.text).toContain('a clôturé la conversation');
    expect(mail.text).not.toMatch(/Démo jeudi 10h|\/100|score/i); // neither the SDR's close note nor the score
    await visitor.widget.page.screenshot({ path: `${ARTIFACTS}/widget-desktop-ended-rating.png` });
    expect(await seriousViolations(visitor.widget.page, '.qb-root')).toEqual([]);

    const handoff = (await target.db.handoffs.list({ conversationId })).at(-1)!;
    expect(handoff).toMatchObject({ status: 'closed', outcome: 'meeting_booked', outcomeReason: 'Démo jeudi 10h', endReason: 'sdr-closed' });
    const outbox = await target.db.outbox.listAbout({ conversationId });
    expect(outbox.map((entry) => entry.idempotencyKey)).toContain(`${handoff.leadId}:outcome:${handoff.id}`);
    await desk.locator('.badge-outcome', { hasText: 'Rendez-vous pris' }).waitFor();
    // The rating on the closed lead's card.
    await desk.locator('.tab[data-view="closed"]').click();
    await desk.locator(`.handoff-item[data-id="${handoff.id}"]`).click();
    await desk.locator('#verdict', { hasText: 'Note du visiteur' }).waitFor();
    expect(normalize(await desk.locator('#verdict').innerText())).toContain('Note du visiteur 4/5');
    await visitor.context.close();
    await sdr.context.close();
  });

  it('triage and alerts for two live chats, a visible human, typing both ways, and a real end (desktop SDR, mobile visitor)', async () => {
    const sdr = await sdrLogin(browser, target.url);
    const desk = sdr.page;
    const handoffOf = async (visitor: Visitor) => (await target.db.handoffs.list({ conversationId: await visitor.widget.conversationId() })).at(-1)!;

    // Visitor A on a phone, cold: the alert toast is one click away from the lead, and the wait is honest.
    const a = await reachHandoff(browser, target.url, { viewport: MOBILE });
    await a.widget.waitForBot('Attente estimée : moins de 10 min');
    const handoffA = await handoffOf(a);
    await desk.locator('.toast-action', { hasText: 'New lead waiting' }).first().click();
    await desk.locator(`.handoff-item.selected[data-id="${handoffA.id}"]`).waitFor();
    expect(await desk.locator(`.handoff-item[data-id="${handoffA.id}"] .presence`).innerText()).toBe('online');
    // The list speaks the console's language: no machine summary.
    expect(await desk.locator(`.handoff-item[data-id="${handoffA.id}"] .item-summary`).innerText()).toContain('Authority : decision maker');
    await desk.keyboard.press('c'); // keyboard: take over
    await desk.locator('#composer').waitFor({ state: 'visible' });
    // The visitor sees a person: name and initials in the header, not the bot.
    await a.widget.panel.locator('.qb-title', { hasText: 'Marie — Sales' }).waitFor();
    expect(await a.widget.panel.locator('.qb-avatar').innerText()).toBe('MS');

    // Visitor B on a desktop, warm (Web Chat prefetched while the page was idle); leaves an email while waiting.
    const b = await reachHandoff(browser, target.url, { warm: true });
    await b.widget.type('paul.durand@acme-industrie.example');
    await b.widget.waitForBot("Merci, c'est noté");
    const handoffB = await handoffOf(b);
    console.info(
      `widget after the click: first question painted ${a.firstQuestionMs} ms cold (mobile) / ${b.firstQuestionMs} ms warm (desktop); ` +
        `greeting in Web Chat ${a.firstWordsMs} / ${b.firstWordsMs} ms; first question in Web Chat, ready to answer ${a.interactiveQuestionMs} / ${b.interactiveQuestionMs} ms`,
    );
    // On a phone the privacy notice is shown once, in a line or two, not as a bot message too.
    expect(await a.widget.panel.locator('.webchat__bubble', { hasText: 'Assistant automatisé' }).count()).toBe(0);
    const noticeHeight = await a.widget.panel.locator('#qb-notice').evaluate((node) => node.getBoundingClientRect().height);
    expect(noticeHeight).toBeLessThan(MOBILE.height / 12);
    // Search by company or email finds B alone.
    await desk.locator('.tab[data-view="queued"]').click();
    await desk.locator('#search').fill('acme');
    await expect.poll(() => desk.locator('.handoff-item').count()).toBe(1);
    await desk.locator(`.handoff-item[data-id="${handoffB.id}"]`).click();
    await desk.locator('#claim-btn').click();
    await b.widget.panel.locator('.qb-title', { hasText: 'Marie — Sales' }).waitFor();
    await b.widget.page.screenshot({ path: `${ARTIFACTS}/widget-desktop-live-sdr.png` });
    await desk.locator('#search').fill('');

    // A writes while B is open: A's chat raises its own unread alert (badge on the item and the tab, page title).
    await a.widget.type('Une question sur les tarifs, svp');
    const itemA = desk.locator(`.handoff-item[data-id="${handoffA.id}"]`);
    await itemA.locator('.unread', { hasText: '1' }).waitFor();
    expect(await desk.locator('[data-unread="mine"]').innerText()).toBe('1');
    expect(await desk.title()).toMatch(/^\(1\) /);
    await desk.screenshot({ path: `${ARTIFACTS}/console-unread-alert.png` });
    await itemA.click();
    await desk.locator('#transcript .line-visitor .bubble', { hasText: 'Une question sur les tarifs' }).waitFor();
    await expect.poll(() => itemA.locator('.unread').count()).toBe(0);
    expect(await desk.title()).not.toMatch(/^\(/);

    // Typing both ways.
    await desk.locator('#composer-text').pressSequentially('Je regarde');
    await a.widget.panel.locator('.webchat__typing-indicator').waitFor({ state: 'visible', timeout: 10_000 });
    await a.widget.sendBox.pressSequentially('Et aussi');
    await desk.locator('#typing').waitFor({ state: 'visible' });
    await a.widget.sendBox.fill('');

    // A contact typed to the SDR during the live chat reaches the card.
    await a.widget.type('Mon numéro : 06 12 34 56 78');
    await desk.locator('#contact', { hasText: '06 12 34 56 78' }).waitFor();

    // Panel closed: the SDR's message shows on the launcher and in the page title.
    await a.widget.panel.locator('.qb-close').click();
    await desk.locator('#composer-text').fill('Je vous envoie la grille tarifaire.');
    await desk.locator('#composer-text').press('Enter');
    await a.widget.page.locator('.qb-badge', { hasText: '1' }).waitFor();
    expect(await a.widget.page.title()).toMatch(/^\(1\) /);
    await a.widget.page.screenshot({ path: `${ARTIFACTS}/widget-mobile-unread-badge.png` });
    await a.widget.launcher.click();
    await expect.poll(() => a.widget.page.locator('.qb-badge').isVisible()).toBe(false);
    await a.widget.page.screenshot({ path: `${ARTIFACTS}/widget-mobile-live-sdr.png` });

    // Accessibility: no serious WCAG 2 A/AA violation in the console nor in the widget.
    expect(await seriousViolations(desk)).toEqual([]);
    expect(await seriousViolations(a.widget.page, '.qb-root')).toEqual([]);
    expect(await seriousViolations(b.widget.page, '.qb-root')).toEqual([]);

    // Close with a note: the visitor gets a clear end (no text box, a new conversation), the card keeps the verdict.
    await desk.locator('#close-btn').click();
    await desk.getByLabel('Meeting booked').check();
    await desk.locator('#close-reason').fill('Démo mardi 14h');
    await desk.locator('#close-dialog').getByRole('button', { name: 'Close' }).click();
    await desk.locator('#verdict', { hasText: 'Démo mardi 14h' }).waitFor();
    await a.widget.panel.locator('.qb-end', { hasText: 'Cette conversation est terminée.' }).waitFor();
    expect(await a.widget.sendBox.isVisible()).toBe(false);
    await a.widget.page.screenshot({ path: `${ARTIFACTS}/widget-mobile-ended.png` });
    expect(await seriousViolations(a.widget.page, '.qb-root')).toEqual([]);
    await a.widget.panel.getByRole('button', { name: 'Nouvelle conversation' }).click();
    await a.widget.waitForBot(playbookMessages.greeting.fr);
    await a.widget.sendBox.waitFor({ state: 'visible' });
    expect(await a.widget.conversationId()).not.toBe(handoffA.conversationId);

    await desk.locator('.tab[data-view="mine"]').click();
    await desk.locator(`.handoff-item[data-id="${handoffB.id}"]`).click();
    await desk.screenshot({ path: `${ARTIFACTS}/console-live-chat.png` });
    await a.context.close();
    await b.context.close();
    await sdr.context.close();
    // Two visitors qualify in full before the SDR work starts: more room than the suite's other tests.
  }, 240_000);
});
