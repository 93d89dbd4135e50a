import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureWidgetSizes } from '../../../src/channels/widget/index.js';
import { translate } from '../../../src/i18n/translate.js';
import { type WidgetTestServer, startWidgetTestServer } from './widget-test-server.js';

const SITE = fileURLToPath(new URL('../../../dialogs/sites/', import.meta.url));

let server: WidgetTestServer;
let neutral: WidgetTestServer;

beforeAll(async () => {
  const privacyUrl = 'https://prospekt.example/confidentialite?x="1"';
  server = await startWidgetTestServer({ privacyUrl, site: { name: 'Prospekt', pages: { fr: `${SITE}prospekt.fr.html`, en: `${SITE}prospekt.en.html` } } });
  neutral = await startWidgetTestServer({ privacyUrl, site: { name: 'Sécurité & <Co>' } });
});
afterAll(async () => {
  await server.close();
  await neutral.close();
});

/** Raw HTTP GET: the bytes as sent (fetch would decompress them). */
function rawGet(path: string, headers: Record<string, string> = {}, from = server): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${from.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('widget assets', () => {
  it('keeps the loader under 10 KB gzipped', async () => {
    const sizes = await measureWidgetSizes();
    const loader = sizes.find((row) => row.file.startsWith('widget.js'))!;
    const webchat = sizes.find((row) => row.file.includes('webchat.js'))!;
    expect(loader.gzipBytes).toBeLessThanOrEqual(10 * 1024);
    expect(webchat.rawBytes).toBeGreaterThan(1_000_000); // the real Web Chat bundle, React included
    expect(webchat.gzipBytes).toBeLessThan(webchat.rawBytes / 3);
  });

  it('serves the loader with its configuration written in, gzipped, with a short cache', async () => {
    const response = await rawGet('/widget.js', { 'accept-encoding': 'gzip, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const source = gunzipSync(response.body).toString('utf8');
    expect(source).not.toContain('__QUALIBOT_CONFIG__');
    const config = JSON.parse(source.match(/var CONFIG = (\{.*?\});\n/)![1]!);
    expect(config.assets.webchat).toMatch(/^\/widget\/webchat\.js\?v=[\w-]{16}$/);
    expect(config.assets.directLine).toMatch(/^\/widget\/direct-line\.js\?v=[\w-]{16}$/);
    expect(config.privacyUrl).toBe('https://prospekt.example/confidentialite?x="1"');
    expect(Object.keys(config.texts)).toEqual(['fr', 'en']);
    expect(config.texts.fr.openChat).toContain('{title}');
  });

  it('serves Web Chat from this server, gzipped, cached for a year under its versioned URL', async () => {
    const loader = (await rawGet('/widget.js')).body.toString('utf8');
    const webchatUrl = JSON.parse(loader.match(/var CONFIG = (\{.*?\});\n/)![1]!).assets.webchat as string;
    const versioned = await rawGet(webchatUrl, { 'accept-encoding': 'gzip' });
    expect(versioned.status).toBe(200);
    expect(versioned.headers['content-encoding']).toBe('gzip');
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(versioned.body).toString('utf8')).toContain('renderWebChat');

    const revalidated = await rawGet(webchatUrl, { 'if-none-match': String(versioned.headers.etag) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect((await rawGet('/widget/webchat.js')).headers['cache-control']).toBe('public, max-age=300'); // unversioned
    expect((await rawGet('/widget/webchat.js')).headers['content-encoding']).toBeUndefined(); // not accepted, not sent
    expect((await rawGet('/widget/unknown.js')).status).toBe(404);
    expect((await rawGet('/widget/..%2Fwidget-assets.ts')).status).toBe(404);
  });

  it("serves the playbook's own site pages at / and /en, each embedding the widget with one tag", async () => {
    const french = await rawGet('/');
    const english = await rawGet('/en');
    expect(french.headers['content-type']).toBe('text/html; charset=utf-8');
    const fr = french.body.toString('utf8');
    const en = english.body.toString('utf8');
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain("Prospekt — on s'occupe de votre prospection");
    expect(en).toContain('<html lang="en">');
    for (const page of [fr, en]) {
      expect(page.match(/<script\b/g)).toHaveLength(1);
      expect(page).toContain('data-privacy-url="https://prospekt.example/confidentialite?x=&#34;1&#34;"');
      expect(page).toMatch(/<section id="(tarifs|pricing)"/);
    }
    expect(fr).toMatch(/<script src="\/widget\.js" data-locale="fr"[^>]* async><\/script>/);
    expect(en).toMatch(/<script src="\/widget\.js" data-locale="en"[^>]* async><\/script>/);
  });

  it('without a site of its own, serves a neutral page named after the playbook, in each language, with the widget', async () => {
    const fr = (await rawGet('/', {}, neutral)).body.toString('utf8');
    const en = (await rawGet('/en', {}, neutral)).body.toString('utf8');
    expect(fr).toContain('<html lang="fr">');
    expect(en).toContain('<html lang="en">');
    expect(fr).toContain('<title>Sécurité &#38; &#60;Co&#62;</title>');
    expect(fr).toContain(translate('demo.open', 'fr'));
    expect(en).toContain(translate('demo.open', 'en'));
    expect(fr).toContain('href="/en" hreflang="en"');
    expect(en).toContain('href="/" hreflang="fr"');
    for (const page of [fr, en]) {
      expect(page).not.toMatch(/__[A-Z_]+__/);
      expect(page).not.toContain('Prospekt<');
      expect(page.match(/<script\b/g)).toHaveLength(1);
      expect(page).toContain('data-privacy-url="https://prospekt.example/confidentialite?x=&#34;1&#34;"');
    }
    expect(fr).toMatch(/<script src="\/widget\.js" data-locale="fr"[^>]* async><\/script>/);
  });
});
