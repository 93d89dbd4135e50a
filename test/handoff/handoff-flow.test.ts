import { HandoffEventNames } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOFF_EVENTS_TOPIC } from '../../src/handoff/handoff-events.js';
import { BOT_RUNTIMES } from '../../src/runtime/bot-runtime.js';
import { COLD_ANSWERS_FR, startHarness, eventually, type HandoffHarness } from './helpers/handoff-harness.js';

// The handoff event, the visitor relay and the SDR's proactive messages, on both runtimes.
describe.each(BOT_RUNTIMES)('%s runtime', (runtime) => {
  let h: HandoffHarness;
  let token: string;

  beforeAll(async () => {
    h = await startHarness({ runtime });
    await h.addSdr('marie@prospekt.example', 'Marie — Sales');
    token = await h.login('marie@prospekt.example');
  });

  afterAll(async () => {
    await h.close();
  });

  const handOffEvents = (conversationId: string) => h.connector.activities(conversationId).filter((activity) => activity.type === 'event' && activity.name === HandoffEventNames.InitiateHandoff);

  describe('on a handoff decision', () => {
    it('queues the lead packet, sends the handoff initiation event (handoff.initiate) and tells the visitor an expert is coming', async () => {
      await h.reachHandoff('flow-webchat');
      const handoff = await h.openHandoff('flow-webchat');
      expect(handoff).toMatchObject({ status: 'queued', reason: 'high_score', score: 100, tier: 'hot' });
      expect(handoff.packet).toMatchObject({ conversationId: 'flow-webchat', locale: 'fr', channel: 'webchat', contact: {}, summary: expect.stringContaining('challenge: clear problem · company: in icp · authority: decision maker') });

      const [event] = handOffEvents('flow-webchat');
      expect(event).toBeDefined();
      expect(event!.value).toMatchObject({ handoffId: handoff.id, summary: expect.stringContaining('money: allocated') });
      // Finding 9 of the security probe (#21): the visitor's browser receives this event, so it carries no score, tier, lead id or reason.
      expect(Object.keys(event!.value as object).sort()).toEqual(['handoffId', 'locale', 'summary']);
      const transcript = event!.attachments?.[0];
      expect(transcript).toMatchObject({ name: 'Transcript', contentType: 'application/json' });
      expect((transcript!.content as { activities: Array<{ text: string }> }).activities.map((activity) => activity.text)).toContain('Oui, budget validé');

      const texts = h.botTexts('flow-webchat');
      const outcome = texts.findIndex((text) => text.startsWith('Merci, votre projet correspond'));
      // An honest wait: where the visitor stands, for how long at most, and the booking link at once.
      // One message: an expert is coming (and a contact, in case the chat is cut off), then the wait.
      expect(texts.slice(outcome + 1)).toEqual([
        "En attendant qu'un expert vous rejoigne, pouvez-vous me laisser votre e-mail ou votre numéro de téléphone, au cas où nous serions coupés ? " +
          'Vous êtes en tête de la file. Attente estimée : moins de 2 min ; sinon, je vous propose un rappel. Si vous préférez, réservez dès maintenant un créneau : https://cal.example/prospekt/demo',
      ]);
      // The suggested SDR is chosen once, kept on the handoff.
      expect(handoff.packet).toMatchObject({ suggestedSdr: { name: 'Marie — Sales' } });
    });

    it('does not send the handoff event on Teams (it answers 400), but queues and informs the same way', async () => {
      await h.reachHandoff('flow-teams', { channelId: 'msteams', locale: 'en' });
      expect(handOffEvents('flow-teams')).toEqual([]);
      expect((await h.openHandoff('flow-teams')).status).toBe('queued');
      expect(h.botTexts('flow-teams').at(-1)).toBe(
        'While an expert joins you, could you leave your email or phone number, in case we get cut off? ' +
          "You're number 2 in line. Estimated wait: under 2 min; otherwise I'll offer you a callback. If you prefer, book a slot right now: https://cal.example/prospekt/demo",
      );
    });

    it('only says an expert is coming when the contact is already known', async () => {
      await h.reachHandoff('flow-known', { hello: 'Bonjour, Claire Martin, claire@acme-industrie.fr' });
      const waiting = h.botTexts('flow-known').at(-1)!;
      expect(waiting).toMatch(/^Je préviens un expert de l'équipe : il vous rejoint ici dans quelques instants\. Vous êtes /);
      expect(waiting).not.toMatch(/e-mail|téléphone/);
      expect(((await h.openHandoff('flow-known')).packet as { contact: unknown }).contact).toEqual({ email: 'claire@acme-industrie.fr' });
    });

    it('creates no handoff for a nurture lead', async () => {
      await h.say('flow-cold', 'Bonjour');
      for (const answer of COLD_ANSWERS_FR) await h.say('flow-cold', answer);
      expect(await h.db.handoffs.list({ conversationId: 'flow-cold' })).toEqual([]);
    });
  });

  describe('while the visitor waits', () => {
    it('keeps an email or phone given meanwhile, otherwise reassures briefly', async () => {
      await h.reachHandoff('flow-wait');
      await h.say('flow-wait', 'Ok, je patiente');
      expect(h.botTexts('flow-wait').at(-1)).toBe('Un expert arrive, merci de patienter encore un instant.');
      await h.say('flow-wait', 'au cas où : claire.martin@acme-industrie.fr');
      expect(h.botTexts('flow-wait').at(-1)).toBe("Merci, c'est noté (claire.martin@acme-industrie.fr). L'expert arrive.");
      const handoff = await h.openHandoff('flow-wait');
      expect(handoff.status).toBe('queued');
      expect((handoff.packet as { contact: unknown }).contact).toEqual({ email: 'claire.martin@acme-industrie.fr' });
      // The visitor's lines are in the transcript once each (middleware and handoff module do not both store them).
      const lines = (await h.db.transcripts.list('flow-wait')).filter((line) => line.from === 'visitor' && line.text === 'Ok, je patiente');
      expect(lines).toHaveLength(1);
    });
  });

  describe('while an SDR holds the conversation', () => {
    it('keeps the bot silent and relays the visitor to the SDRs; after release the bot answers again', async () => {
      const seen: unknown[] = [];
      const unsubscribe = await h.db.bus.subscribe(HANDOFF_EVENTS_TOPIC, (event) => void seen.push(event));
      await h.reachHandoff('flow-live');
      const handoff = await h.openHandoff('flow-live');
      expect((await h.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token })).status).toBe(200);
      const before = h.connector.activities('flow-live').length;

      await h.say('flow-live', 'Bonjour Marie, vous faites aussi du LinkedIn ?');
      await h.say('flow-live', 'Et pour 3 pays ?');
      // Nothing from the bot: no reply, no typing, no acknowledgement.
      expect(h.connector.activities('flow-live').slice(before)).toEqual([]);
      await eventually(() =>
        expect(seen).toContainEqual(expect.objectContaining({ type: 'message', handoffId: handoff.id, from: 'visitor', text: 'Et pour 3 pays ?' })),
      );
      const transcript = await h.db.transcripts.list('flow-live');
      expect(transcript.filter((line) => line.from === 'visitor').map((line) => line.text).slice(-2)).toEqual(['Bonjour Marie, vous faites aussi du LinkedIn ?', 'Et pour 3 pays ?']);

      await h.api('POST', `/api/sdr/handoffs/${handoff.id}/messages`, { token, body: { text: 'Oui, sur LinkedIn et par téléphone.' } });
      expect(h.botTexts('flow-live').at(-1)).toBe('**Marie — Sales** : Oui, sur LinkedIn et par téléphone.');

      await h.api('POST', `/api/sdr/handoffs/${handoff.id}/release`, { token });
      await h.say('flow-live', 'Merci beaucoup');
      // The bot is back: the decided lead gets its after-outcome answer.
      expect(h.botTexts('flow-live').at(-1)).toBe("Merci, c'est bien noté. Je transmets à l'équipe.");
      await unsubscribe();
    });

    it('tells the SDR when the visitor leaves a live conversation, and turns a waiting one into a callback task', async () => {
      const seen: Array<{ type: string; handoffId?: string }> = [];
      const unsubscribe = await h.db.bus.subscribe(HANDOFF_EVENTS_TOPIC, (event) => void seen.push(event as { type: string }));
      await h.reachHandoff('flow-left-live');
      const live = await h.openHandoff('flow-left-live');
      await h.api('POST', `/api/sdr/handoffs/${live.id}/claim`, { token });
      await h.post('flow-left-live', { type: 'event', name: 'qualibot.visitorLeft' });
      await eventually(() => expect(seen).toContainEqual(expect.objectContaining({ type: 'visitor-left', handoffId: live.id })));
      expect((await h.db.handoffs.get(live.id))?.status).toBe('live');

      await h.reachHandoff('flow-left-queued');
      const queued = await h.openHandoff('flow-left-queued');
      const before = h.connector.messages('flow-left-queued').length;
      await h.post('flow-left-queued', { type: 'event', name: 'qualibot.visitorLeft' });
      expect(await h.db.handoffs.get(queued.id)).toMatchObject({ status: 'expired', endReason: 'visitor-left' });
      expect(h.connector.messages('flow-left-queued').length).toBe(before); // nobody to tell
      const list = await h.api('GET', '/api/sdr/handoffs?status=queued', { token });
      expect(list.body.find((item: { id: string }) => item.id === queued.id)).toMatchObject({ status: 'expired', callback: true });
      await unsubscribe();
    });
  });

  describe('around the live chat', () => {
    it('shows presence, keeps a contact typed to the SDR, relays typing both ways, and tells the SDR when the visitor writes after the close', async () => {
      const seen: Array<{ type: string; handoffId?: string; text?: string }> = [];
      const unsubscribe = await h.db.bus.subscribe(HANDOFF_EVENTS_TOPIC, (event) => void seen.push(event as { type: string }));
      await h.reachHandoff('flow-around');
      const handoff = await h.openHandoff('flow-around');
      await h.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token });
      const listed = async () => (await h.api('GET', '/api/sdr/handoffs?status=live', { token })).body.find((item: { id: string }) => item.id === handoff.id);
      expect(await listed()).toMatchObject({ online: true, visitor: { words: expect.stringContaining('Je décide') } });

      await h.post('flow-around', { type: 'event', name: 'qualibot.visitorLeft' });
      expect(await listed()).toMatchObject({ online: false });
      // Back, with a phone number for the SDR: online again, and the contact is on the card (and in the list).
      await h.say('flow-around', 'Je suis joignable au 06 12 34 56 78 demain matin');
      expect(await listed()).toMatchObject({ online: true, visitor: { phone: '06 12 34 56 78' } });

      // The SDR typing reaches the visitor's channel as a typing activity (and an outsider cannot fake it).
      const before = h.connector.activities('flow-around').length;
      expect((await h.api('POST', `/api/sdr/handoffs/${handoff.id}/typing`, { token })).status).toBe(200);
      await eventually(() => expect(h.connector.activities('flow-around').slice(before).map((activity) => activity.type)).toContain('typing'));
      expect((await h.api('POST', `/api/sdr/handoffs/${handoff.id}/typing`)).status).toBe(401);
      await h.module.service.visitorTyping('flow-around');
      await eventually(() => expect(seen).toContainEqual(expect.objectContaining({ type: 'typing', handoffId: handoff.id })));

      await h.api('POST', `/api/sdr/handoffs/${handoff.id}/close`, { token, body: { outcome: 'accepted', reason: 'Rappel jeudi' } });
      expect(h.botTexts('flow-around').at(-1)).toBe('Marie — Sales a clôturé la conversation. Merci pour cet échange, et à bientôt !');
      // After the close: not "Je transmets à l'équipe" to nobody, but an alert to the SDRs and an honest answer.
      await h.say('flow-around', 'Ah, une dernière question sur le contrat');
      expect(h.botTexts('flow-around').at(-1)).toBe(
        'Cette conversation avec Marie — Sales est terminée ; je lui ai transmis votre message. Pour une nouvelle demande, démarrez une nouvelle conversation.',
      );
      await eventually(() => expect(seen).toContainEqual(expect.objectContaining({ type: 'visitor-returned', handoffId: handoff.id, text: 'Ah, une dernière question sur le contrat' })));
      const transcript = await h.db.transcripts.list('flow-around');
      expect(transcript.map((line) => line.text)).toContain('Ah, une dernière question sur le contrat');
      await unsubscribe();
    });
  });
});
