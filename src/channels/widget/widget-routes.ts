import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Next, Request, Response, Server } from 'restify';
import type { createAfterChatRoute } from './after-chat-route.js';
import type { createSessionRoute } from './session-route.js';
import { LONG_CACHE, NO_CACHE, SHORT_CACHE, sendAsset, type StaticAsset, type WidgetAssets } from './widget-assets.js';
import type { WidgetSocketServer } from './widget-socket-server.js';

/**
 * The demo pages' policy: their own scripts, styles and connections only (the widget's socket is same-origin),
 * inline styles because Web Chat and the loader write them, images from here or data/blob URLs only — so a
 * remote image in a message is not fetched — and no framing by other sites.
 */
export const DEMO_PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface WidgetRoutesDependencies {
  /** Loaded in the background at start-up; requests wait for it. */
  assets: Promise<WidgetAssets>;
  sessionRoute: ReturnType<typeof createSessionRoute>;
  afterChatRoute?: ReturnType<typeof createAfterChatRoute>;
  sockets: WidgetSocketServer;
}

/**
 * Registers /, /en, /widget.js, /widget/<file>, /api/widget/session and the socket upgrade on a
 * restify server. Returns what undoes the upgrade listener (restify routes cannot be removed).
 */
export function mountWidgetRoutes(server: Server, deps: WidgetRoutesDependencies): () => void {
  const { assets, sessionRoute, afterChatRoute, sockets } = deps;

  /** Serves the asset `pick` chooses once assets are loaded; a 404 when it finds none. */
  const serve =
    (pick: (all: WidgetAssets, request: Request) => { asset: StaticAsset | undefined; cache: string }) =>
    (request: Request, response: Response, next: Next): void => {
      assets.then(
        (all) => {
          const { asset, cache } = pick(all, request);
          if (asset) sendAsset(request, response, asset, cache);
          else plain(response, 404, 'Not found');
          next();
        },
        () => {
          plain(response, 503, 'Widget unavailable');
          next();
        },
      );
    };

  const page = (pick: (all: WidgetAssets) => StaticAsset) => {
    const send = serve((all) => ({ asset: pick(all), cache: NO_CACHE }));
    return (request: Request, response: Response, next: Next): void => {
      response.setHeader('Content-Security-Policy', DEMO_PAGE_POLICY);
      send(request, response, next);
    };
  };
  server.get('/', page((all) => all.pages.fr));
  server.get('/en', page((all) => all.pages.en));
  // The loader URL is pasted into customers' sites, so it must refresh quickly; what it loads is versioned.
  server.get('/widget.js', serve((all) => ({ asset: all.loader, cache: SHORT_CACHE })));
  server.get(
    '/widget/:file',
    serve((all, request) => {
      const asset = all.files.get(String(request.params?.file ?? ''));
      // Parsed here: the app does not necessarily install restify's queryParser.
      const version = new URL(request.url ?? '/', 'http://widget.invalid').searchParams.get('v');
      return { asset, cache: asset !== undefined && version === asset.version ? LONG_CACHE : SHORT_CACHE };
    }),
  );
  server.opts('/api/widget/session', (request: Request, response: Response, next: Next) => {
    sessionRoute.preflight(request, response);
    next();
  });
  server.post('/api/widget/session', (request: Request, response: Response, next: Next) => {
    sessionRoute.open(request, response).then(() => next(), next);
  });

  if (afterChatRoute) {
    server.opts('/api/widget/after-chat', (request: Request, response: Response, next: Next) => {
      afterChatRoute.preflight(request, response);
      next();
    });
    server.post('/api/widget/after-chat', (request: Request, response: Response, next: Next) => {
      afterChatRoute.handle(request, response).then(() => next(), next);
    });
  }

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (sockets.handleUpgrade(request, socket, head)) return;
    // restify proxies 'upgrade' to its own listeners: with nobody else to take it, do not leave the socket hanging.
    if (server.listenerCount('upgrade') === 0 && server.server.listenerCount('upgrade') <= 2) socket.destroy();
  };
  server.server.on('upgrade', onUpgrade);
  return () => server.server.off('upgrade', onUpgrade);
}

function plain(response: Response, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
