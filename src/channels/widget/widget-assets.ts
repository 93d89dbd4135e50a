import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import { translate } from '../../i18n/translate.js';
import type { Locale } from '../../qualification/types.js';
import { widgetTexts } from './widget-texts.js';

const gzipAsync = promisify(gzip);
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** A file served by the widget routes, kept in memory with its gzip version. */
export interface StaticAsset {
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  /** Content hash: versioned URLs (`?v=`) can then be cached for a year. */
  version: string;
}

/** Everything the widget serves. */
export interface WidgetAssets {
  /** GET /widget.js, with its configuration (asset URLs, texts, privacy URL) written in. */
  loader: StaticAsset;
  /** GET /widget/<name>: lazily loaded files and the demo stylesheet. */
  files: ReadonlyMap<string, StaticAsset>;
  /** GET / (French) and /en (English) demo pages. */
  pages: Readonly<Record<'fr' | 'en', StaticAsset>>;
}

/** The config object the loader finds in place of `__QUALIBOT_CONFIG__`. */
export interface LoaderConfig {
  version: string;
  assets: { webchat: string; directLine: string };
  privacyUrl: string;
  texts: Record<Locale, Record<string, string>>;
  /** What the end of a live chat offers besides a rating. */
  transcriptByEmail: boolean;
  /** The greeting and first question, painted by the loader while Web Chat loads (a new conversation only). */
  preview?: OpeningPreview;
}

/** What the bot says first, per locale, as plain text. */
export type OpeningPreview = Record<'fr' | 'en', { greeting: string; question: string }>;

const JS = 'application/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

/** Web Chat's prebuilt bundle (React included); the package exports no subpaths, so go through its main file. */
export function webChatBundlePath(): string {
  const main = createRequire(import.meta.url).resolve('botframework-webchat');
  return join(dirname(main), '..', 'dist', 'webchat.js');
}

let webChatAsset: Promise<StaticAsset> | undefined;

/** Shared by every channel of the process: 3.9 MB to gzip once, off the event loop. */
function loadWebChat(): Promise<StaticAsset> {
  webChatAsset ??= readFile(webChatBundlePath()).then((body) => makeAsset(body, JS));
  return webChatAsset;
}

/** The pages at / and /en: the company's own site pages (the playbook's `site`), else a neutral page named after the playbook. */
export interface DemoSite {
  name: string;
  /** HTML files; `__DEMO_CSS__` and `__PRIVACY_URL__` in them are filled in. */
  pages?: Readonly<Record<'fr' | 'en', string>>;
}

export interface WidgetAssetOptions {
  privacyUrl: string;
  transcriptByEmail?: boolean;
  preview?: OpeningPreview;
  site?: DemoSite;
}

export async function loadWidgetAssets(options: WidgetAssetOptions): Promise<WidgetAssets> {
  const site = options.site ?? { name: 'Qualibot' };
  const [webchat, directLine, demoCss, loaderSource, demoFr, demoEn] = await Promise.all([
    loadWebChat(),
    readPublic('direct-line.js').then((body) => makeAsset(body, JS)),
    readPublic('demo.css').then((body) => makeAsset(body, CSS)),
    readPublic('widget.js'),
    site.pages ? readFile(site.pages.fr) : readPublic('demo.html').then((body) => neutralPage(body, 'fr', site.name)),
    site.pages ? readFile(site.pages.en) : readPublic('demo.html').then((body) => neutralPage(body, 'en', site.name)),
  ]);
  const config: LoaderConfig = {
    version: shortHash(Buffer.concat([loaderSource, Buffer.from(directLine.version), Buffer.from(webchat.version)])),
    assets: { webchat: `/widget/webchat.js?v=${webchat.version}`, directLine: `/widget/direct-line.js?v=${directLine.version}` },
    privacyUrl: options.privacyUrl,
    texts: widgetTexts(),
    transcriptByEmail: options.transcriptByEmail ?? false,
    ...(options.preview ? { preview: options.preview } : {}),
  };
  const loader = compactLoader(loaderSource.toString('utf8')).replace('__QUALIBOT_CONFIG__', () => scriptSafeJson(config));
  const page = (source: Buffer) =>
    source.toString('utf8').replaceAll('__PRIVACY_URL__', escapeHtml(options.privacyUrl)).replaceAll('__DEMO_CSS__', `/widget/demo.css?v=${demoCss.version}`);
  return {
    loader: await makeAsset(Buffer.from(loader), JS),
    files: new Map([
      ['webchat.js', webchat],
      ['direct-line.js', directLine],
      ['demo.css', demoCss],
    ]),
    pages: { fr: await makeAsset(Buffer.from(page(demoFr)), HTML), en: await makeAsset(Buffer.from(page(demoEn)), HTML) },
  };
}

/** The neutral demo page in one language; the HTML-escaped texts are the catalogue's `demo.*`. */
function neutralPage(template: Buffer, locale: 'fr' | 'en', name: string): Buffer {
  const other = locale === 'fr' ? 'en' : 'fr';
  const values: Record<string, string> = {
    __LANG__: locale,
    __TITLE__: name,
    __HEADING__: translate('demo.heading', locale, { name }),
    __LEAD__: translate('demo.lead', locale),
    __OPEN__: translate('demo.open', locale),
    __NAV_LABEL__: translate('demo.navigation', locale),
    __OTHER_HREF__: other === 'fr' ? '/' : '/en',
    __OTHER_LANG__: other,
    __OTHER_LABEL__: translate('demo.otherLanguage', locale),
    __PRIVACY_LABEL__: translate('demo.privacy', locale),
  };
  return Buffer.from(template.toString('utf8').replace(/__[A-Z_]+__/g, (key) => (key in values ? escapeHtml(values[key]!) : key)));
}

/** Raw and gzip sizes of what a visitor downloads: the loader on every page, the rest only on opening. */
export async function measureWidgetSizes(privacyUrl = 'https://example.com/privacy'): Promise<Array<{ file: string; rawBytes: number; gzipBytes: number }>> {
  const assets = await loadWidgetAssets({ privacyUrl });
  const rows = [{ file: 'widget.js (loader, every page)', asset: assets.loader }];
  for (const name of ['direct-line.js', 'webchat.js']) {
    const asset = assets.files.get(name);
    if (asset) rows.push({ file: `widget/${name} (on open)`, asset });
  }
  return rows.map(({ file, asset }) => ({ file, rawBytes: asset.body.length, gzipBytes: asset.gzipped.length }));
}

export const LONG_CACHE = 'public, max-age=31536000, immutable';
export const SHORT_CACHE = 'public, max-age=300';
export const NO_CACHE = 'no-cache';

/** Writes an asset with gzip when accepted, an ETag and the given cache policy. */
export function sendAsset(request: IncomingMessage, response: ServerResponse, asset: StaticAsset, cacheControl: string): void {
  const headers: Record<string, string | number> = {
    'Content-Type': asset.contentType,
    'Cache-Control': cacheControl,
    ETag: asset.etag,
    Vary: 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
    // Pages with Cross-Origin-Embedder-Policy may still load the widget.
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
  if (request.headers['if-none-match'] === asset.etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  const gzipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const body = gzipped ? asset.gzipped : asset.body;
  response.writeHead(200, { ...headers, 'Content-Length': body.length, ...(gzipped ? { 'Content-Encoding': 'gzip' } : {}) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

async function makeAsset(body: Buffer, contentType: string): Promise<StaticAsset> {
  const version = shortHash(body);
  const gzipped = await gzipAsync(body, { level: constants.Z_BEST_COMPRESSION });
  return { contentType, body, gzipped, etag: `"${version}"`, version };
}

function readPublic(name: string): Promise<Buffer> {
  return readFile(join(PUBLIC_DIR, name));
}

function shortHash(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64url').slice(0, 16);
}

/** JSON that cannot end the script element it is written into. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The loader runs on every page of the customer's site: its comment lines and indentation stay in the source
 * (public/widget.js), not on the wire. Whole lines only, so no string or regular expression is touched.
 */
export function compactLoader(source: string): string {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(?:\/\/|\/\*|\*)/.test(line))
    .join('\n')
    .concat('\n');
}
