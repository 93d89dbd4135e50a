/**
 * Slows password guessing on `POST /api/sdr/login`, in memory, per instance. Three counts of failed logins
 * within a window (15 minutes by default):
 * - per account and client address: beyond `perAccountAndAddress` that pair is refused (429) until the
 *   window ends; the SDR logging in from anywhere else is not;
 * - per client address, whatever the account: beyond `perAddress` the address is refused (spraying one
 *   password over many accounts);
 * - per account, whatever the address: beyond `accountSlowdownAfter` every attempt on that account
 *   waits a little longer (up to `maxSlowdownMs`) before its answer, the right password too. An attacker
 *   spread over many addresses can slow an SDR down, never lock them out.
 * Memory is bounded (`maxKeys` per count) and cannot be flushed by junk: keys that reached their limit
 * live in a map of their own, which new junk keys never evict.
 */
export interface LoginThrottleOptions {
  perAccountAndAddress?: number;
  perAddress?: number;
  accountSlowdownAfter?: number;
  maxSlowdownMs?: number;
  windowMs?: number;
  maxKeys?: number;
  now?: () => number;
}

/** What an attempt must do before its password is checked. */
export interface LoginGate {
  /** > 0: refuse with 429 and `Retry-After`. */
  retryAfterMs: number;
  /** Which count refused it. */
  refusedBy?: 'account_and_address' | 'address';
  /** Wait this long before answering (the account-wide slow-down). */
  delayMs: number;
}

export class LoginThrottle {
  private readonly pairs: FailureCounts;
  private readonly addresses: FailureCounts;
  private readonly accounts: FailureCounts;
  private readonly accountSlowdownAfter: number;
  private readonly maxSlowdownMs: number;

  constructor(options: LoginThrottleOptions = {}) {
    const windowMs = options.windowMs ?? 15 * 60 * 1000;
    const maxKeys = options.maxKeys ?? 10_000;
    const now = options.now ?? Date.now;
    this.pairs = new FailureCounts(options.perAccountAndAddress ?? 10, windowMs, maxKeys, now);
    this.addresses = new FailureCounts(options.perAddress ?? 30, windowMs, maxKeys, now);
    this.accountSlowdownAfter = options.accountSlowdownAfter ?? 20;
    this.accounts = new FailureCounts(this.accountSlowdownAfter, windowMs, maxKeys, now);
    this.maxSlowdownMs = options.maxSlowdownMs ?? 5000;
  }

  check(account: string, address: string): LoginGate {
    const pair = this.pairs.retryAfterMs(pairKey(account, address));
    if (pair > 0) return { retryAfterMs: pair, refusedBy: 'account_and_address', delayMs: 0 };
    const spraying = this.addresses.retryAfterMs(address);
    if (spraying > 0) return { retryAfterMs: spraying, refusedBy: 'address', delayMs: 0 };
    const beyond = this.accounts.count(account) - this.accountSlowdownAfter;
    // 250 ms, 500 ms, 1 s… doubling with each failure beyond the threshold, capped.
    const delayMs = beyond < 0 ? 0 : Math.min(this.maxSlowdownMs, 250 * 2 ** Math.min(beyond, 16));
    return { retryAfterMs: 0, delayMs };
  }

  fail(account: string, address: string): void {
    this.pairs.add(pairKey(account, address));
    this.addresses.add(address);
    this.accounts.add(account);
  }

  /** The right password from this address: its own count is cleared (the account's slow-down stays). */
  succeed(account: string, address: string): void {
    this.pairs.clear(pairKey(account, address));
  }

  /** Keys remembered by the three counts together (bounded by 3 × 2 × `maxKeys`). */
  get size(): number {
    return this.pairs.size + this.addresses.size + this.accounts.size;
  }
}

function pairKey(account: string, address: string): string {
  return `${account}|${address}`;
}

interface Failures {
  count: number;
  since: number;
}

/**
 * Failures per key in a fixed window starting at the key's first failure. Keys still under the limit are
 * forgotten oldest first when there are too many; keys at the limit are kept apart, so a flood of new keys
 * cannot push a real lock out (they can only evict each other, or locks older than every other lock).
 */
class FailureCounts {
  private readonly counting = new Map<string, Failures>();
  private readonly limited = new Map<string, Failures>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.counting.size + this.limited.size;
  }

  count(key: string): number {
    return this.current(key)?.count ?? 0;
  }

  retryAfterMs(key: string): number {
    const entry = this.current(key);
    if (!entry || entry.count < this.limit) return 0;
    return Math.max(1, entry.since + this.windowMs - this.now());
  }

  add(key: string): void {
    const entry = this.current(key) ?? { count: 0, since: this.now() };
    entry.count += 1;
    this.counting.delete(key);
    this.limited.delete(key);
    if (entry.count >= this.limit) {
      this.limited.set(key, entry);
      trim(this.limited, this.maxKeys);
    } else {
      this.counting.set(key, entry);
      trim(this.counting, this.maxKeys);
    }
  }

  clear(key: string): void {
    this.counting.delete(key);
    this.limited.delete(key);
  }

  private current(key: string): Failures | undefined {
    const entry = this.limited.get(key) ?? this.counting.get(key);
    if (entry && this.now() - entry.since >= this.windowMs) {
      this.clear(key);
      return undefined;
    }
    return entry;
  }
}

/** Forgets the oldest entries (Map order is insertion order) beyond `max`. */
function trim(map: Map<string, Failures>, max: number): void {
  while (map.size > max) map.delete(map.keys().next().value!);
}
