import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { isPageTextFile, pageTextFile } from '../i18n/browser/page-texts-route.js';

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));
/** Chart.js's self-contained build, from node_modules: served by Qualibot, never from a CDN. */
const CHART_JS = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

/** The page's files: a fixed list, so no path from the URL ever reaches the file system. */
const FILES: Readonly<Record<string, { path: string; type: string }>> = {
  'index.html': { path: PAGE_DIR + 'index.html', type: 'text/html; charset=utf-8' },
  'insights.css': { path: PAGE_DIR + 'insights.css', type: 'text/css; charset=utf-8' },
  'insights.js': { path: PAGE_DIR + 'insights.js', type: 'text/javascript; charset=utf-8' },
  'chart.umd.min.js': { path: CHART_JS, type: 'text/javascript; charset=utf-8' },
};

/** Like the console: nothing inline, nothing from elsewhere (blob: only for the CSV downloads). */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** `GET /sdr/insights`: the funnel dashboard (data from `/api/insights`, which checks the role). */
export function mountInsightsPage(server: Server): void {
  server.get('/sdr/insights', async (_req: Request, res: Response) => serve(res, 'index.html'));
  server.get('/sdr/insights/:file', async (req: Request, res: Response) => {
    const name = String((req.params as Record<string, unknown>).file ?? '');
    if (isPageTextFile(name)) {
      // The page's texts: the catalogue's `insights.*` (i18n.js, its ICU renderer, texts.json).
      const { body, type } = await pageTextFile(name, 'insights.');
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', ...SECURITY_HEADERS });
      res.end(body);
      return;
    }
    if (!Object.hasOwn(FILES, name)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    await serve(res, name);
  });
}

async function serve(res: Response, name: string): Promise<void> {
  const file = FILES[name]!;
  const body = await readFile(file.path);
  res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-cache', ...SECURITY_HEADERS });
  res.end(body);
}
