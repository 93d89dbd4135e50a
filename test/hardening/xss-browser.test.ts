import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/handoff/password-hash.js';
import { CHROMIUM_PATH, launchChromium, WidgetPage, playbookMessages } from '../channels/widget/widget-page.js';
import { answerTo, asked, HOT_FR } from './support/conversation.js';
import { startHardenedApp, type HardenedApp } from './support/hardened-app.js';

/**
 * Visitor markup is text, everywhere a human reads it: in the widget (Web Chat's markdown renderer)
 * and in the SDR console. Each payload would set `window.__xss` if it ever ran.
 */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '<svg onload="window.__xss=3"></svg>',
  '[cliquez ici](javascript:window.__xss=4)',
  '<a href="javascript:window.__xss=5">lien</a>',
  '<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>',
  '"><img src=x onerror=window.__xss=7>',
  '<details open ontoggle="window.__xss=8">x</details>',
  '![image](javascript:window.__xss=9)',
];
const MARKUP = /onerror|onload|ontoggle|<script|<img|<svg|<iframe|javascript:/i;

/** What a payload would have left in the page had it been parsed as HTML. */
function injected(page: Page, root: string) {
  return page.evaluate((selector) => {
    const scope = document.querySelector(selector);
    if (!scope) throw new Error(`${selector} not found`);
    const all = <T extends Element>(query: string) => Array.from(scope.querySelectorAll<T>(query));
    return {
      xss: (window as unknown as { __xss?: unknown }).__xss,
      images: all<HTMLImageElement>('img').filter((img) => img.getAttribute('src') === 'x').length,
      scripts: all('script').length,
      frames: all('iframe').length,
      handlers: all('*').filter((node) => Array.from(node.attributes).some((attribute) => /^on/i.test(attribute.name))).length,
      scriptLinks: all('a').filter((link) => /^\s*javascript:/i.test(link.getAttribute('href') ?? '')).length,
    };
  }, root);
}

const NOTHING = { xss: undefined, images: 0, scripts: 0, frames: 0, handlers: 0, scriptLinks: 0 };

let browser: Browser;
let t: HardenedApp;
const SDR = { email: 'xss-test@prospekt.example', name: 'Camille', password: 'correct horse battery staple' };

beforeAll(async () => {
  browser = await launchChromium();
  t = await startHardenedApp({ SDR_TOKEN_SECRET: 'hardening-sdr-secret-0123456789', RATE_LIMIT_IP_REQUESTS_PER_MINUTE: '0', BUSINESS_HOURS: '', HANDOFF_ASSIGNMENT_TIMEOUT_S: '600' });
  await t.app.db.sdrs.add({ id: randomUUID(), email: SDR.email, name: SDR.name, passwordHash: await hashPassword(SDR.password) });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.skipIf(!CHROMIUM_PATH)('visitor markup never runs', { timeout: 120_000 }, () => {
  it('(control) the detector sees a payload that does run', async () => {
    const page = await browser.newPage();
    try {
      await page.setContent('<div id="root"></div>');
      await page.evaluate((html) => {
        document.getElementById('root')!.innerHTML = html;
      }, PAYLOADS[0]!);
      await page.waitForFunction(() => (window as unknown as { __xss?: unknown }).__xss !== undefined);
      expect(await injected(page, '#root')).toMatchObject({ xss: 1, images: 1, handlers: 1 });
    } finally {
      await page.close();
    }
  });

  it('in the website widget: shown as typed, never executed, never echoed by the bot', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    try {
      const widget = await WidgetPage.open(context, `${t.url}/`);
      await widget.launcher.click();
      await widget.waitForBot(playbookMessages.greeting.fr);
      for (const payload of PAYLOADS) {
        await widget.type(payload);
        // Rendered, as text, in the visitor's own bubble (the link text alone for markdown links).
        const visible = payload.startsWith('[') ? 'cliquez ici' : payload.startsWith('![') ? 'image' : payload.replace(/^"/, '').slice(0, 12);
        await widget.until(async () => (await widget.bubbles()).some((bubble) => bubble.fromUser && bubble.text.includes(visible)), 15_000, `the bubble of ${payload}`);
      }
      // Give the bot time to answer the last one.
      await widget.until(async () => (await widget.bubbles()).filter((bubble) => !bubble.fromUser).length >= PAYLOADS.length, 20_000, 'the bot to answer');
      await widget.page.waitForTimeout(500);
      expect(await injected(widget.page, '#qb-panel')).toEqual(NOTHING);
      const userTexts = (await widget.bubbles()).filter((bubble) => bubble.fromUser).map((bubble) => bubble.text);
      expect(userTexts).toEqual(expect.arrayContaining([expect.stringContaining('<img src=x onerror="window.__xss=1">'), expect.stringContaining('<script>window.__xss=2</script>')]));
      for (const bubble of (await widget.bubbles()).filter((candidate) => !candidate.fromUser)) expect(bubble.text).not.toMatch(MARKUP);
    } finally {
      await context.close();
    }
  });

  it('in the SDR console: transcript, facts, name and page context are text', async () => {
    // A hot lead over /api/messages whose every answer, display name and page context carry markup.
    const conversationId = `xss-${randomUUID()}`;
    const hostile = {
      from: { id: `visitor-${conversationId}`, name: '<img src=x onerror="window.__xss=20">' },
      channelData: { qualibot: { context: { pageUrl: 'javascript:window.__xss=21', utm_source: '<svg onload="window.__xss=22">', referrer: '"><script>window.__xss=23</script>' } } },
    };
    let replies = await t.say(conversationId, `${PAYLOADS[0]} ${HOT_FR.challenge} ${PAYLOADS[1]}`, hostile);
    for (let step = 0; step < 6 && asked(replies); step += 1) {
      replies = await t.say(conversationId, `${answerTo(HOT_FR, asked(replies))} ${PAYLOADS[(step + 2) % PAYLOADS.length]}`, hostile);
    }
    const handoff = await t.app.db.handoffs.getOpenByConversation(conversationId);
    expect(handoff).toBeDefined();
    for (const reply of t.connector.messages(conversationId)) expect(reply.text ?? '').not.toMatch(MARKUP);

    const context = await browser.newContext({ locale: 'fr-FR' });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/sdr`);
      await page.locator('#login-email').fill(SDR.email);
      await page.locator('#login-password').fill(SDR.password);
      await page.locator('#login-form button[type="submit"], #login-form button').first().click();
      await page.locator('#app-view').waitFor({ state: 'visible' });
      const item = page.locator('.handoff-item').first();
      await item.waitFor();
      await item.click();
      await page.locator('#lead').waitFor({ state: 'visible' });
      await page.locator('#transcript .line-visitor').first().waitFor();
      await page.waitForTimeout(300);
      expect(await injected(page, 'body')).toEqual(NOTHING);
      const transcript = (await page.locator('#transcript .line-visitor').allInnerTexts()).join('\n');
      expect(transcript).toContain(PAYLOADS[0]);
      expect(transcript).toContain(PAYLOADS[1]);
      const pageContext = await page.locator('#page-context').innerText();
      expect(pageContext).toContain('javascript:window.__xss=21');
      expect(pageContext).toContain('<svg onload="window.__xss=22">');
    } finally {
      await context.close();
    }
  });
});
