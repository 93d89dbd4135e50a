import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, toJsonl } from '../../src/crm/export.js';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['=HYPERLINK("http://evil.test")', `"'=HYPERLINK(""http://evil.test"")"`],
    ['+33 6 00 00 00 00', "'+33 6 00 00 00 00"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['a=b', 'a=b'],
    ['', ''],
    [42, '42'],
    [-5, "'-5"],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
    [new Date('2026-01-02T03:04:05.000Z'), '2026-01-02T03:04:05.000Z'],
    [{ a: 1 }, '"{""a"":1}"'],
    [['x', 'y'], '"[""x"",""y""]"'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('writes a header from the union of keys (first-seen order) and CRLF lines', () => {
    const csv = toCsv([
      { id: 'l1', score: 80 },
      { id: 'l2', email: '=cmd' },
    ]);
    expect(csv).toBe("id,score,email\r\nl1,80,\r\nl2,,'=cmd\r\n");
  });

  it('uses the given columns, in their order, and escapes the header too', () => {
    expect(toCsv([{ a: 1, b: 2, c: 3 }], ['c', 'a', '=x'])).toBe("c,a,'=x\r\n3,1,\r\n");
  });

  it('writes only a header line for no rows with columns, and nothing without', () => {
    expect(toCsv([], ['id'])).toBe('id\r\n');
    expect(toCsv([])).toBe('');
  });
});

describe('toJsonl', () => {
  it('writes one JSON object per line', () => {
    const text = toJsonl([{ id: 'l1', note: 'line\nbreak' }, { id: 'l2' }]);
    expect(text).toBe('{"id":"l1","note":"line\\nbreak"}\n{"id":"l2"}\n');
    expect(text.trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual([{ id: 'l1', note: 'line\nbreak' }, { id: 'l2' }]);
    expect(toJsonl([])).toBe('');
  });
});
