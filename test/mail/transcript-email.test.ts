import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AfterChatService } from '../../src/handoff/after-chat.js';
import { createLogger } from '../../src/logger.js';
import { loadMailConfig, type MailConfig } from '../../src/mail/mail-config.js';
import { SmtpTranscriptMailer } from '../../src/mail/transcript-mailer.js';
import type { Database } from '../../src/storage/ports/database.js';
import { openSqliteDatabase } from '../../src/storage/sqlite/open-sqlite.js';
import { FakeSmtpServer } from '../fakes/fake-smtp-server.js';
import { leadInput } from '../storage/fixtures.js';

const logger = createLogger('silent');
let smtp: FakeSmtpServer;
let db: Database;
let service: AfterChatService;

async function seedConversation(conversationId: string, locale: 'fr' | 'en'): Promise<string> {
  const lead = await db.leads.upsert(leadInput({ conversationId, locale }));
  const at = (second: number) => new Date(Date.UTC(2026, 11, 7, 9, 30, second)).toISOString();
  await db.transcripts.appendMany([
    { conversationId, from: 'bot', text: locale === 'fr' ? 'Bonjour ! Quel est votre principal défi ?' : 'Hello! What is your main challenge?', at: at(1) },
    { conversationId, from: 'visitor', text: locale === 'fr' ? 'Pas assez de rendez-vous' : 'Not enough meetings', at: at(2) },
    { conversationId, from: 'sdr', author: 'Marie — Sales', text: locale === 'fr' ? 'Je vous propose une **démo** jeudi.' : 'How about a **demo** on Thursday?', at: at(3) },
  ]);
  await db.notes.addNote({ id: `note-${conversationId}`, leadId: lead.id, conversationId, author: 'Marie — Sales', text: 'NOTE INTERNE: budget serré', createdAt: at(4) });
  return lead.id;
}

beforeAll(async () => {
  smtp = await new FakeSmtpServer().start();
  db = openSqliteDatabase({ filename: ':memory:' });
  const config = loadMailConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'Prospekt <chat@prospekt.example>', SMTP_TIMEOUT_MS: '3000' }) as MailConfig;
  service = new AfterChatService({ db, mailer: new SmtpTranscriptMailer(config), title: 'Prospekt', logger, now: () => new Date() });
});

afterAll(async () => {
  await smtp?.stop();
  await db?.close();
});

describe('the transcript by e-mail, through a real SMTP server', () => {
  it('sends the conversation in the visitor’s language, without internal notes or score', async () => {
    await seedConversation('mail-fr', 'fr');
    await service.sendTranscript('mail-fr', '  claire@client.example ');
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toMatchObject({ value: [{ address: 'claire@client.example' }] });
    expect(mail.from).toMatchObject({ value: [{ address: 'chat@prospekt.example', name: 'Prospekt' }] });
    expect(mail.subject).toBe('Votre conversation avec Prospekt');
    expect(mail.text).toContain('Voici la transcription de votre conversation avec Prospekt');
    expect(mail.text).toContain('Prospekt\nBonjour ! Quel est votre principal défi ?');
    expect(mail.text).toContain('Vous\nPas assez de rendez-vous');
    expect(mail.text).toContain('Marie — Sales\nJe vous propose une démo jeudi.');
    expect(mail.text).toContain('07/12/2026 09:30 UTC');
    expect(mail.text).not.toContain('NOTE INTERNE');
    expect(mail.text).not.toMatch(/score|\/100/i);

    await seedConversation('mail-en', 'en');
    await service.sendTranscript('mail-en', 'sam@client.example', ' Acme\nSales <b> ');
    const english = smtp.mails.at(-1)!;
    expect(english.subject).toBe('Your conversation with Acme Sales b');
    expect(english.text).toContain('You\nNot enough meetings');
  });

  it('answers bad addresses clearly, and a refused or unreachable server without losing anything', async () => {
    await seedConversation('mail-bad', 'fr');
    const sent = smtp.mails.length;
    await expect(service.sendTranscript('mail-bad', 'claire@')).rejects.toMatchObject({ status: 400, code: 'invalid_email' });
    await expect(service.sendTranscript('mail-bad', 'a b@c.example')).rejects.toMatchObject({ status: 400, code: 'invalid_email' });
    await expect(service.sendTranscript('mail-bad', 'refused@client.example')).rejects.toMatchObject({ status: 400, code: 'address_refused' });
    await expect(service.sendTranscript('nobody-conv', 'claire@client.example')).rejects.toMatchObject({ code: 'nothing_to_send' });
    expect(smtp.mails.length).toBe(sent);

    const down = loadMailConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '1', SMTP_FROM: 'chat@prospekt.example', SMTP_TIMEOUT_MS: '2000' }) as MailConfig;
    const offline = new AfterChatService({ db, mailer: new SmtpTranscriptMailer(down), title: 'Prospekt', logger, now: () => new Date() });
    await expect(offline.sendTranscript('mail-bad', 'claire@client.example')).rejects.toMatchObject({ status: 503, code: 'mail_unavailable' });
  });

  it('sends a conversation’s transcript a few times at most (not a relay)', async () => {
    await seedConversation('mail-many', 'fr');
    for (let i = 0; i < 3; i += 1) await service.sendTranscript('mail-many', `claire${i}@client.example`);
    await expect(service.sendTranscript('mail-many', 'claire@client.example')).rejects.toMatchObject({ status: 429, code: 'too_many_transcripts' });
  });

  it('keeps the visitor’s rating with the lead (the last one stands) and refuses what is not 1 to 5', async () => {
    const leadId = await seedConversation('rate-conv', 'fr');
    await service.rate('rate-conv', 2);
    await service.rate('rate-conv', 5);
    expect((await db.notes.ratingOf(leadId))?.rating).toBe(5);
    await expect(service.rate('rate-conv', 6)).rejects.toMatchObject({ status: 400, code: 'invalid_rating' });
    await expect(service.rate('rate-conv', 2.5)).rejects.toMatchObject({ status: 400 });
    await expect(service.rate('no-lead-conv', 4)).rejects.toMatchObject({ status: 409 });
  });

  it('does not offer the transcript without a mail transport', async () => {
    const without = new AfterChatService({ db, title: 'Prospekt', logger, now: () => new Date() });
    expect(without.transcriptByEmail).toBe(false);
    expect(service.transcriptByEmail).toBe(true);
    await expect(without.sendTranscript('mail-fr', 'claire@client.example')).rejects.toMatchObject({ status: 404, code: 'not_available' });
  });
});
