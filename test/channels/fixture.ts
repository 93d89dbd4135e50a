import { readFileSync } from 'node:fs';

/** A recorded-style payload from a `fixtures/` folder, without its `//` source note. */
export function loadFixture<T = Record<string, any>>(url: URL): T {
  const { '//': _source, ...payload } = JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
  return payload as T;
}
