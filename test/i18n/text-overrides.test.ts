import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { messagesOf, slotTextsOf, translate, useTextOverrides } from '../../src/i18n/translate.js';
import { loadPlaybook, resolvePlaybookPath } from '../../src/playbook/loader.js';

const tempDir = mkdtempSync(join(tmpdir(), 'qualibot-texts-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));
afterEach(() => useTextOverrides(undefined));

/** The shipped CHAMP playbook with a `texts:` section, written elsewhere (its relative files named absolutely). */
function champWithTexts(name: string, texts: unknown): string {
  const data = parse(readFileSync(resolvePlaybookPath('champ'), 'utf8'));
  const shipped = dirname(resolvePlaybookPath('champ'));
  data.site = { fr: resolve(shipped, data.site.fr), en: resolve(shipped, data.site.en) };
  data.vocabulary = resolve(shipped, data.vocabulary);
  data.texts = texts;
  const file = join(tempDir, `${name}.yaml`);
  writeFileSync(file, stringify(data));
  return file;
}

function loadError(file: string): string {
  try {
    loadPlaybook(file);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected ${file} to be rejected`);
}

describe('catalogue texts', () => {
  it('renders ICU: placeholders filled as given, apostrophes kept, numbers as they are', () => {
    expect(translate('handoff.sdrJoined', 'fr', { sdr: 'Léa' })).toBe('Léa a rejoint la conversation.');
    expect(translate('sdr.lookedUpEmployees', 'en', { count: 12000 })).toBe('12000 employees');
    // A value is inserted as it is, never read as ICU.
    expect(translate('handoff.sdrMessage', 'en', { sdr: 'Sam', text: "{x} it's {y, plural, one {#} other {#}}" })).toBe("**Sam**: {x} it's {y, plural, one {#} other {#}}");
  });

  it('gives a browser page its surface with the prefix removed, and the widget its texts with run-time slots', () => {
    expect(messagesOf('console.', 'fr').title).toBe('Console SDR');
    expect(slotTextsOf('widget.', 'en').openChat).toBe('Open the chat with {title}');
  });
});

describe("the playbook's texts: overrides", () => {
  it('replaces a catalogue text in the languages it gives, everywhere the text is read', () => {
    const playbook = loadPlaybook(
      champWithTexts('override', {
        'handoff.sdrJoined': { en: '{sdr} is here to help.' },
        'sdr.lookedUpEmployees': { en: '{count, plural, one {# employee} other {# employees}}' },
        'widget.unread': { fr: '{count} message(s) non lu(s)' },
        'console.title': { fr: 'Poste des commerciaux' },
      }),
    );
    useTextOverrides(playbook.texts);
    expect(translate('handoff.sdrJoined', 'en', { sdr: 'Sam' })).toBe('Sam is here to help.');
    expect(translate('handoff.sdrJoined', 'fr', { sdr: 'Léa' })).toBe('Léa a rejoint la conversation.');
    expect(translate('sdr.lookedUpEmployees', 'en', { count: 1 })).toBe('1 employee');
    expect(translate('sdr.lookedUpEmployees', 'en', { count: 40 })).toBe('40 employees');
    expect(slotTextsOf('widget.', 'fr').unread).toBe('{count} message(s) non lu(s)');
    expect(messagesOf('console.', 'fr').title).toBe('Poste des commerciaux');
    useTextOverrides(undefined);
    expect(translate('handoff.sdrJoined', 'en', { sdr: 'Sam' })).toBe('Sam has joined the conversation.');
  });

  it('fails at load naming the file and the field: unknown key, unknown locale, ICU error, unknown placeholder', () => {
    const unknownKey = champWithTexts('unknown-key', { 'handoff.nope': { en: 'Hi' } });
    expect(loadError(unknownKey)).toMatch(new RegExp(`${unknownKey}[\\s\\S]*texts[\\s\\S]*"handoff\\.nope" is not a key of the text catalogue`));
    expect(loadError(champWithTexts('unknown-locale', { 'handoff.waiting': { xx: 'Hi' } }))).toMatch(/texts.*handoff\.waiting.*xx.*"xx" is not a supported locale/);
    const broken = champWithTexts('broken-icu', { 'handoff.sdrJoined': { fr: '{sdr a rejoint' } });
    expect(loadError(broken)).toMatch(new RegExp(`${broken}[\\s\\S]*texts.*handoff\\.sdrJoined.*fr.*is not valid ICU MessageFormat`));
    // The widget fills its slots in the browser: a plural there could not be resolved.
    expect(loadError(champWithTexts('widget-plural', { 'widget.unread': { en: '{count, plural, one {# new} other {# new}}' } }))).toMatch(/texts.*widget\.unread.*en.*the widget fills \{count\} itself/);
    expect(loadError(champWithTexts('unknown-placeholder', { 'handoff.sdrJoined': { en: '{name} joined' } }))).toMatch(/uses \{name\}, which this text is never given \(it has: \{sdr\}\)/);
  });
});
