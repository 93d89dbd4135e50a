import { describe, expect, it } from 'vitest';
import { loadCannedReplies, parseCannedReplies } from '../../src/handoff/canned-replies.js';
import { LOCALES } from '../../src/qualification/types.js';

describe('canned replies file', () => {
  it('loads the shipped file, in both languages', () => {
    const replies = loadCannedReplies();
    expect(replies.fr.length).toBeGreaterThan(0);
    expect(replies.en.length).toBeGreaterThan(0);
  });

  it('refuses a bad file naming the field', () => {
    expect(() => parseCannedReplies({ fr: [{ id: 'Demo!', label: 'x', text: 'y' }] }, 'x.yaml')).toThrow(/x\.yaml[\s\S]*fr\.0\.id/);
    expect(() => parseCannedReplies({ fr: [{ id: 'a', label: 'x', text: '' }] }, 'x.yaml')).toThrow(/fr\.0\.text/);
    expect(() => parseCannedReplies({ fr: [{ id: 'a', label: 'x', text: 'y' }, { id: 'a', label: 'z', text: 'w' }] }, 'x.yaml')).toThrow(/share an id/);
    expect(() => parseCannedReplies({ es: [] }, 'x.yaml')).toThrow(/es/);
    expect(() => parseCannedReplies({ en: [{ id: 'a', label: 'x', text: 'y', extra: 1 }] }, 'x.yaml')).toThrow();
    expect(() => loadCannedReplies('/nonexistent/replies.yaml')).toThrow(/CANNED_REPLIES: cannot read/);
  });

  it('ships replies in every language the bot speaks', () => {
    const shipped = loadCannedReplies();
    for (const locale of LOCALES) expect(shipped[locale].length, locale).toBeGreaterThan(0);
  });

  it('accepts a file with one language only', () => {
    expect(parseCannedReplies({ en: [{ id: 'hi', label: 'Hi', text: 'Hello!' }] }, 'x.yaml')).toEqual({ fr: [], en: [{ id: 'hi', label: 'Hi', text: 'Hello!' }], de: [] });
  });
});
