import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { isPageTextFile, pageTextFile } from '../i18n/browser/page-texts-route.js';

const CONSOLE_DIR = fileURLToPath(new URL('./console/', import.meta.url));

/** The console's files: a fixed list, so no path from the URL ever reaches the file system. */
const FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
};

/** No inline script or style, nothing from elsewhere: visitor text can never run in an SDR's browser. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** `GET /sdr`: the SDR console (plain HTML/CSS/JS, no build step). */
export function mountSdrConsole(server: Server): void {
  server.get('/sdr', async (_req: Request, res: Response) => serve(res, 'index.html'));
  // Script and style URLs are absolute, but a bookmarked `/sdr/` should still land on the console.
  server.get('/sdr/', async (_req: Request, res: Response) => {
    res.writeHead(301, { location: '/sdr' });
    res.end();
  });
  server.get('/sdr/:file', async (req: Request, res: Response) => {
    const name = String((req.params as Record<string, unknown>).file ?? '');
    if (isPageTextFile(name)) {
      // The console's texts: the catalogue's `console.*` (i18n.js, its ICU renderer, texts.json).
      const { body, type } = await pageTextFile(name, 'console.');
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
  const body = await readFile(CONSOLE_DIR + name);
  res.writeHead(200, { 'content-type': FILES[name] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...SECURITY_HEADERS });
  res.end(body);
}
