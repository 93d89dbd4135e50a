import { afterEach, describe, expect, it } from 'vitest';
import { parseBusinessHours, wallClock } from '../../src/handoff/business-hours.js';
import type { LeadPacket } from '../../src/handoff/lead-packet.js';
import { openSqliteDatabase } from '../../src/storage/sqlite/open-sqlite.js';
import { FakeConnector } from '../fakes/fake-connector.js';
import { BOOKING_URL, eventually, HandoffHarness, startHarness, TestClock } from './helpers/handoff-harness.js';

const harnesses: HandoffHarness[] = [];
const track = async (promise: Promise<HandoffHarness>) => {
  const harness = await promise;
  harnesses.push(harness);
  return harness;
};

afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

const TIMED_OUT_FR = "Désolé de vous avoir fait attendre : nos experts sont tous occupés en ce moment et personne n'a pu vous rejoindre.";

describe('without SDR accounts (the SDRs work from Teams or Slack)', () => {
  it('still tells each visitor where they stand in the queue', async () => {
    const h = await track(startHarness());
    expect(await h.db.sdrs.list()).toEqual([]);
    await h.reachHandoff('queue-first');
    await h.reachHandoff('queue-second');
    expect(h.botTexts('queue-first').at(-1)).toContain('Vous êtes en tête de la file.');
    expect(h.botTexts('queue-second').at(-1)).toContain('Vous êtes n° 2 dans la file.');
  });
});

describe('nobody claims in time', () => {
  it('tells the visitor honestly, offers the booking link and a callback, and keeps a callback task', async () => {
    const h = await track(startHarness());
    await h.reachHandoff('timeout-conv');
    const handoff = await h.openHandoff('timeout-conv');

    h.clock.advance(119_000);
    expect(await h.module.service.sweep()).toBe(0);
    expect((await h.db.handoffs.get(handoff.id))?.status).toBe('queued');

    h.clock.advance(2_000);
    expect(await h.module.service.sweep()).toBe(1);
    await h.module.service.noticesSettled();
    const expired = await h.db.handoffs.get(handoff.id);
    expect(expired).toMatchObject({ status: 'expired', endReason: 'assignment-timeout' });
    expect((expired!.packet as LeadPacket).callback).toMatchObject({ status: 'awaiting', cause: 'assignment-timeout', bookingUrl: BOOKING_URL });
    expect(h.botTexts('timeout-conv').slice(-3)).toEqual([
      TIMED_OUT_FR,
      `Vous pouvez réserver directement un créneau qui vous convient : ${BOOKING_URL}`,
      'Vous pouvez aussi me laisser votre e-mail ou votre téléphone, et le moment qui vous arrange : un expert vous recontactera.',
    ]);
    // A second sweep does not repeat it.
    expect(await h.module.service.sweep()).toBe(0);

    // The visitor answers with a time first, then a phone number.
    await h.say('timeout-conv', 'Demain matin plutôt, vers 10h');
    expect(h.botTexts('timeout-conv').at(-1)).toBe("C'est noté. Pour vous recontacter, il me manque juste un e-mail ou un numéro de téléphone.");
    await h.say('timeout-conv', '06 12 34 56 78');
    expect(h.botTexts('timeout-conv').at(-1)).toBe('Merci ! Un expert vous recontactera à 06 12 34 56 78.');
    const captured = (await h.db.handoffs.get(handoff.id))!;
    expect((captured.packet as LeadPacket).callback).toMatchObject({ status: 'captured', preferredTime: 'Demain matin plutôt, vers 10h' });
    expect((captured.packet as LeadPacket).contact).toEqual({ phone: '06 12 34 56 78' });

    // The callback task stays in the queue for the SDRs…
    await h.addSdr('marie@prospekt.example', 'Marie — Sales');
    const token = await h.login('marie@prospekt.example');
    const queue = await h.api('GET', '/api/sdr/handoffs?status=queued', { token });
    expect(queue.body).toContainEqual(expect.objectContaining({ id: handoff.id, status: 'expired', callback: true }));
    // …and the bot is the one answering the visitor from now on.
    await h.say('timeout-conv', 'Merci, bonne journée');
    expect(h.botTexts('timeout-conv').at(-1)).toBe("Merci, c'est bien noté. Je transmets à l'équipe.");
  });

  it('asks only for a time when the contact is already known, and lets a late SDR still claim the task', async () => {
    const h = await track(startHarness({ config: { bookingUrl: undefined } }));
    await h.reachHandoff('timeout-known', { locale: 'en' });
    await h.say('timeout-known', 'my email is sam@northwind.example', { locale: 'en-US' });
    h.clock.advance(121_000);
    await h.module.service.sweep();
    await h.module.service.noticesSettled();
    expect(h.botTexts('timeout-known').slice(-2)).toEqual([
      'Sorry to keep you waiting: our experts are all busy right now and nobody could join you.',
      'You can also tell me when to reach you (sam@northwind.example): an expert will call you back.',
    ]);
    await h.say('timeout-known', 'Thursday after 2pm', { locale: 'en-US' });
    expect(h.botTexts('timeout-known').at(-1)).toBe('Thank you! An expert will get back to you at sam@northwind.example.');

    await h.addSdr('paul@prospekt.example', 'Paul — Sales');
    const token = await h.login('paul@prospekt.example');
    const handoff = await h.openHandoff('timeout-known');
    expect((await h.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token })).status).toBe(200);
    expect(h.botTexts('timeout-known').at(-1)).toBe('Paul — Sales has joined the conversation.');
  });

  it('fires after a restart: the sweep reads createdAt from the database, not an in-memory timer', async () => {
    const db = openSqliteDatabase({ filename: ':memory:' });
    const connector = new FakeConnector();
    await connector.start();
    const before = await startHarness({ db, connector });
    await before.reachHandoff('restart-conv');
    const handoff = await before.openHandoff('restart-conv');
    await before.close();

    // A new process (same database, same channel service), started three minutes later: its first sweep runs at start.
    const clock = new TestClock();
    clock.advance(180_000);
    const after = await track(new HandoffHarness({ db, clock, connector, config: { sweepIntervalMs: 60_000 } }).start());
    await eventually(async () => expect((await db.handoffs.get(handoff.id))?.status).toBe('expired'));
    await eventually(() => expect(after.botTexts('restart-conv')).toContain(TIMED_OUT_FR));
    await after.close();
    harnesses.splice(harnesses.indexOf(after), 1);
    await connector.stop();
    await db.close();
  });
});

describe('outside business hours', () => {
  it('goes straight to the callback queue and tells the visitor in the same turn', async () => {
    // Open only on a day that is not today (Paris time): now is always outside.
    const today = wallClock(new Date(), 'Europe/Paris').day;
    const otherDay = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(today + 3) % 7];
    const h = await track(startHarness({ config: { businessHours: parseBusinessHours(`${otherDay} 09:00-18:00`) } }));
    await h.reachHandoff('closed-conv');
    const handoff = await h.openHandoff('closed-conv');
    expect(handoff).toMatchObject({ status: 'expired', endReason: 'outside-business-hours' });
    expect((handoff.packet as LeadPacket).callback).toMatchObject({ status: 'awaiting', cause: 'outside-business-hours' });
    const texts = h.botTexts('closed-conv');
    expect(texts.slice(-3)).toEqual([
      "Petite précision : notre équipe n'est pas disponible en ce moment, nous sommes en dehors de nos horaires d'ouverture.",
      `Vous pouvez réserver directement un créneau qui vous convient : ${BOOKING_URL}`,
      'Vous pouvez aussi me laisser votre e-mail ou votre téléphone, et le moment qui vous arrange : un expert vous recontactera.',
    ]);
    expect(texts.some((text) => text.startsWith("En attendant qu'un expert"))).toBe(false);

    await h.say('closed-conv', 'lundi 9h au 01 23 45 67 89');
    expect(h.botTexts('closed-conv').at(-1)).toBe('Merci ! Un expert vous recontactera à 01 23 45 67 89.');
    const captured = (await h.db.handoffs.get(handoff.id))!.packet as LeadPacket;
    // The time the visitor gave, without the number (which is the contact).
    expect(captured.callback).toMatchObject({ status: 'captured', preferredTime: 'lundi 9h' });
  });
});
