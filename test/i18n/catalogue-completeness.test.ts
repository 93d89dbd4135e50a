import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_DIR, readCatalogueFile } from '../../src/i18n/catalogue.js';
import { placeholderNames } from '../../src/i18n/icu.js';
import { LOCALES } from '../../src/qualification/types.js';

/**
 * The catalogue is complete and consistent, for every locale in LOCALES (adding a language is adding its file):
 * same keys everywhere, every message valid ICU, the same placeholders in every language, and every key the code
 * uses present (TypeScript checks `translate` keys; this also covers the browser pages, which tsc does not read).
 */
const files = Object.fromEntries(LOCALES.map((locale) => [locale, readCatalogueFile(locale)]));
const reference = files.en!;
const ROOT = join(import.meta.dirname, '..', '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const SOURCES = walk(join(ROOT, 'src')).filter((path) => /\.(ts|js|html)$/.test(path));
const read = (path: string): string => readFileSync(path, 'utf8');

/** Where the code names a key: exact keys, and prefixes of keys it builds at run time (`status_${…}`). */
interface Usage {
  file: string;
  key: string;
  prefix?: boolean;
}

/** The browser pages render their surface's messages with their own `t('key')` (the catalogue sent by the server). */
const BROWSER_SURFACES = [
  { dir: 'src/handoff/console/', namespace: 'console.' },
  { dir: 'src/insights/page/', namespace: 'insights.' },
];

function usages(): Usage[] {
  const found: Usage[] = [];
  for (const path of SOURCES) {
    const file = relative(ROOT, path);
    const text = read(path);
    if (file.endsWith('.ts')) {
      // translate('ns.key', …) and translate(cond ? 'ns.a' : 'ns.b', …): every literal of the first argument.
      for (const call of text.matchAll(/\btranslate\(\s*([^,]+?),/g)) {
        // Key-shaped literals only (`surface.name`): a condition's own strings (`=== 'claim'`) are not keys.
        for (const literal of call[1]!.matchAll(/'([a-z]+\.[\w.:-]+)'/g)) found.push({ file, key: literal[1]! });
        for (const template of call[1]!.matchAll(/`([^`$]+)\$\{/g)) found.push({ file, key: template[1]!, prefix: true });
      }
      for (const call of text.matchAll(/\bmessagesOf\(\s*'([^']+)'/g)) found.push({ file, key: call[1]!, prefix: true });
    }
    // The widget loader reads its server-rendered texts as `T.name` (src/channels/widget/widget-texts.ts).
    if (file === 'src/channels/widget/public/widget.js') for (const use of text.matchAll(/\bT\.(\w+)/g)) found.push({ file, key: `widget.${use[1]!}` });
    const surface = BROWSER_SURFACES.find((candidate) => file.startsWith(candidate.dir));
    if (surface) {
      for (const call of text.matchAll(/\bt\(\s*'([^']+)'/g)) found.push({ file, key: surface.namespace + call[1]! });
      for (const call of text.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) found.push({ file, key: surface.namespace + call[1]!, prefix: true });
      for (const attribute of text.matchAll(/data-i18n="([^"]+)"/g)) found.push({ file, key: surface.namespace + attribute[1]! });
    }
  }
  return found;
}

describe('the text catalogue', () => {
  it('has a file for every locale in LOCALES, each with exactly the keys of the English one', () => {
    expect(readdirSync(CATALOGUE_DIR).filter((name) => name.endsWith('.json')).sort()).toEqual(LOCALES.map((locale) => `${locale}.json`).sort());
    const keys = Object.keys(reference).sort();
    expect(keys.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const own = Object.keys(files[locale]!).sort();
      expect({ locale, missing: keys.filter((key) => !own.includes(key)) }).toEqual({ locale, missing: [] });
      expect({ locale, unknown: own.filter((key) => !keys.includes(key)) }).toEqual({ locale, unknown: [] });
    }
  });

  it('has only messages that parse as ICU MessageFormat, with the same placeholders in every language', () => {
    const problems: string[] = [];
    for (const key of Object.keys(reference)) {
      const names = new Map<string, string>();
      for (const locale of LOCALES) {
        const message = files[locale]![key];
        if (message === undefined) continue;
        try {
          names.set(locale, placeholderNames(message, locale).join(','));
          // The widget loader fills these in the browser as plain text (src/channels/widget/widget-texts.ts).
          if (key.startsWith('widget.') && placeholderNames(message, locale, true).length > 0) problems.push(`${locale}.json ${key}: the widget takes plain {name} slots only`);
        } catch (error) {
          problems.push(`${locale}.json ${key}: ${(error as Error).message}`);
        }
      }
      if (new Set(names.values()).size > 1) problems.push(`${key}: placeholders differ: ${[...names].map(([locale, list]) => `${locale} {${list}}`).join(' vs ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('has every key the code uses, in TypeScript and in the browser pages', () => {
    const found = usages();
    // The scan itself must see usages on every surface, else a renamed helper would make this test pass on nothing.
    for (const namespace of ['bot.', 'handoff.', 'sdr.', 'widget.', 'console.', 'insights.']) expect(found.some((usage) => usage.key.startsWith(namespace)), namespace).toBe(true);
    const keys = Object.keys(reference);
    const missing = found.filter((usage) => (usage.prefix ? !keys.some((key) => key.startsWith(usage.key)) : !keys.includes(usage.key)));
    expect(missing.map((usage) => `${usage.file}: ${usage.key}${usage.prefix ? '…' : ''}`)).toEqual([]);
  });
});
