import { describe, expect, it } from 'vitest';
import { maskDeep, maskPii } from '../../src/privacy/mask-pii.js';

describe('maskPii', () => {
  it.each([
    ['Écrivez-moi à jean.dupont@exemple.fr merci', 'Écrivez-moi à [email] merci'],
    ['mon portable : 06 12 34 56 78.', 'mon portable : [phone].'],
    ['tel:0612345678', 'tel:[phone]'],
    ['(+33) 6 12 34 56 78', '([phone]'],
    ['0033 6.12.34.56.78 ou 06-12-34-56-78', '[phone] ou [phone]'],
    ['IBAN FR76 3000 6000 0112 3456 7890 189 !', 'IBAN [iban] !'],
    ['IBAN FR7630006000011234567890189', 'IBAN [iban]'],
  ])('masks %j', (text, masked) => {
    expect(maskPii(text)).toBe(masked);
  });

  it('leaves no digit of a lower-case IBAN run visible', () => {
    expect(maskPii('iban fr76 3000 6000 0112 3456 7890 189')).not.toMatch(/3000|6000|7890/);
  });

  it.each([
    // Ids whose groups happen to be all digits: not phone numbers, and logs need them intact.
    ['conversation 737b8190-1234-4567-8901-a2f0c6b8b3d1'],
    ['lead 12345678-9012-4abc-8def-0123456789ab'],
    ['widget c_Ab123456789012345_xyZ'],
    ['at 2026-11-26T10:00:00.000Z, 3 leads, score 100, port 127.0.0.1:41234'],
  ])('keeps %j readable', (text) => {
    expect(maskPii(text)).toBe(text);
  });

  // Every identifier format the channels send (Microsoft Teams activity docs, Slack Events API docs) beside real
  // personal data: ids stay findable in logs, people's emails and phones never appear.
  const TEAMS_CHANNEL_THREAD = '19:3d6fb4c3a1ec4a3b8d2c8bfc4fcf2c6e@thread.tacv2;messageid=1616603958476';
  const TEAMS_USER = '29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw';
  const TEAMS_PERSONAL = 'a:1pL6i0Ut5B7zC9e3bD8x0KqQw4hN2mV7sF1gJ5rT9yU3oI6pA8dS0zX4cV2bN7mL1kJ9h';
  const TEAMS_BOT = '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c';
  const AAD_USER = '8:orgid:d5e2a3f0-8b1c-4e6d-9f7a-2b3c4d5e6f70';
  const SLACK_TS = '1355517523.000005';
  it.each([
    ['Teams channel thread id', `conversation ${TEAMS_CHANNEL_THREAD} claimed`, `conversation ${TEAMS_CHANNEL_THREAD} claimed`],
    ['Teams channel id', '19:general@thread.tacv2', '19:general@thread.tacv2'],
    ['Teams legacy channel id', '19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.skype;messageid=1501234567890', '19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.skype;messageid=1501234567890'],
    ['Teams meeting chat id', '19:meeting_NjA4MjQ5YzItYTY4Yy00ZWQ0@thread.v2', '19:meeting_NjA4MjQ5YzItYTY4Yy00ZWQ0@thread.v2'],
    ['Teams one-on-one chat id', '19:1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809_0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9@unq.gbl.spaces', '19:1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809_0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9@unq.gbl.spaces'],
    ['Teams personal conversation id', `conversationId=${TEAMS_PERSONAL}`, `conversationId=${TEAMS_PERSONAL}`],
    ['Teams user id', `from ${TEAMS_USER}`, `from ${TEAMS_USER}`],
    ['Teams bot id', TEAMS_BOT, TEAMS_BOT],
    ['Azure AD user id', AAD_USER, AAD_USER],
    ['Slack ids (C, D, G, U, W, T)', 'C024BE91L D024BE91L G024BE91L U2147483697 W012A3CDE T061EG9RZ', 'C024BE91L D024BE91L G024BE91L U2147483697 W012A3CDE T061EG9RZ'],
    ['Slack message ts', `messageTs ${SLACK_TS}`, `messageTs ${SLACK_TS}`],
    ['Slack conversation id with a thread', `T061EG9RZ:C024BE91L:${SLACK_TS}`, `T061EG9RZ:C024BE91L:${SLACK_TS}`],
    ['Slack mention markup', '<@U2147483697> in <#C024BE91L|sales>', '<@U2147483697> in <#C024BE91L|sales>'],
    ['an email beside a Teams id', `${TEAMS_USER} wrote anna.martin@acme-corp.com`, `${TEAMS_USER} wrote [email]`],
    ['a phone beside a Slack ts', `${SLACK_TS}: call me on +1 415 555 2671`, `${SLACK_TS}: call me on [phone]`],
    ['a phone beside a Teams thread id', `${TEAMS_CHANNEL_THREAD} 06 12 34 56 78`, `${TEAMS_CHANNEL_THREAD} [phone]`],
    ['an email whose name starts like a Teams id', '19.martin@thread-makers.com', '[email]'],
    ['an email at a look-alike domain', 'anna@thread.tacv2.example.com', '[email]'],
    ['a ten-digit phone that is no Slack ts', 'ring 1712345678 please', 'ring [phone] please'],
    ['a phone written after "a:"', 'mobile a:0612345678', 'mobile a:[phone]'],
    ['a UK phone', '+44 20 7946 0958', '[phone]'],
  ])('%s', (_case, text, masked) => {
    expect(maskPii(text)).toBe(masked);
  });

  it('keeps a Teams message id (millisecond timestamp) in the message-id fields of a log line only', () => {
    const masked = maskDeep({ activityId: '1616603958476', replyToId: '1616603958476', note: '1616603958476' }) as Record<string, unknown>;
    expect(masked).toEqual({ activityId: '1616603958476', replyToId: '1616603958476', note: '[phone]' });
    expect(maskDeep({ activityId: '+33 6 12 34 56 78' })).toEqual({ activityId: '[phone]' });
  });

  it('masks every string of a nested log payload and keeps an Error readable', () => {
    const masked = maskDeep({ contact: { email: 'a.b@c.fr', phones: ['06 12 34 56 78'] }, err: new Error('no route to +33612345678') }) as Record<string, any>;
    expect(masked.contact).toEqual({ email: '[email]', phones: ['[phone]'] });
    expect(masked.err).toMatchObject({ type: 'Error', message: 'no route to [phone]' });
  });

  it('does not pass objects nested beyond its depth limit through unmasked', () => {
    let nested: unknown = { text: 'joignable au 06 12 34 56 78' };
    for (let level = 0; level < 10; level += 1) nested = { level: nested };
    expect(JSON.stringify(maskDeep(nested))).not.toContain('06 12 34 56 78');
  });
});
