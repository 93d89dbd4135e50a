const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Decides whether a browser page on `origin` may open a widget session or socket.
 * - `'*'` in the list: any origin.
 * - The bot's own pages (same origin as the `Host` header) are always allowed: the demo pages live there.
 * - Empty list: same origin and loopback pages only, safe for development.
 * - No Origin header: not a browser (browsers always send it on POST and WebSocket), so the check,
 *   which only protects visitors' browsers from foreign pages, does not apply.
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowedOrigins.includes('*')) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null" (sandboxed frames, file://)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (host !== undefined && parsed.host === host.toLowerCase()) return true;
  if (allowedOrigins.length === 0) return LOOPBACK_HOSTS.has(parsed.hostname);
  return allowedOrigins.some((allowed) => normalizeOrigin(allowed) === parsed.origin);
}

function normalizeOrigin(value: string): string | undefined {
  try {
    return new URL(value.trim()).origin;
  } catch {
    return undefined;
  }
}
