import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

/** A logger writing JSON lines into an array. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('trace', stream), lines };
}

describe('createLogger', () => {
  it('redacts contact fields and masks PII in messages, objects and errors', () => {
    const { logger, lines } = capture();
    logger.info({ contact: { email: 'a.b@c.fr' }, note: 'rappeler le 06 12 34 56 78' }, 'lead from a.b@c.fr');
    logger.error({ err: new Error('mail to a.b@c.fr bounced'), conversationId: '737b8190-1234-4567-8901-a2f0c6b8b3d1' }, 'send failed');
    const output = lines.join('');
    expect(output).not.toMatch(/a\.b@c\.fr|06 12 34 56 78/);
    expect(JSON.parse(lines[1]!).conversationId).toBe('737b8190-1234-4567-8901-a2f0c6b8b3d1');
  });

  it('masks the message pino takes from an error logged without a message of its own', () => {
    const { logger, lines } = capture();
    logger.error(new Error('no mailbox a.b@c.fr'));
    logger.warn({ err: new Error('IBAN FR76 3000 6000 0112 3456 7890 189 refused') });
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['no mailbox [email]', 'IBAN [iban] refused']);
    expect(lines.join('')).not.toMatch(/a\.b@c\.fr|FR76 3000/);
  });
});
