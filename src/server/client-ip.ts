import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

/**
 * The address a per-IP limit is keyed on. Without trusted proxies it is the socket's peer (a forged
 * X-Forwarded-For cannot choose its own bucket). With `trustedHops` reverse proxies in front of us,
 * it is the address the outermost trusted proxy saw: that many entries back in X-Forwarded-For.
 * IPv6 clients are keyed by their /64, which one subscriber usually owns whole.
 */
export function clientIp(request: IncomingMessage, trustedHops = 0): string {
  const peer = request.socket?.remoteAddress ?? 'unknown';
  let address = peer;
  if (trustedHops > 0) {
    const header = request.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    // Nearest first: the socket peer, then the entries each trusted proxy appended.
    const chain = [peer, ...forwarded.reverse()];
    address = chain[Math.min(trustedHops, chain.length - 1)] ?? peer;
  }
  return rateLimitKey(address);
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; an IPv6 address → its /64 prefix; anything else unchanged. */
export function rateLimitKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const bare = address.replace(/^\[|\]$/g, '').split('%')[0]!;
  if (!isIPv6(bare)) return address;
  return `${expandIpv6(bare).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::1.2.3.4) takes two groups.
  const last = right.length ? right : left;
  const v4 = last.length && last[last.length - 1]!.includes('.') ? last.pop()! : undefined;
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
