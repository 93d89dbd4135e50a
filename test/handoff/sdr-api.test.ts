import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, SseReader, startHarness, type HandoffHarness } from './helpers/handoff-harness.js';

let h: HandoffHarness;
let marie: string;
let paul: string;

beforeAll(async () => {
  h = await startHarness();
  await h.addSdr('marie@prospekt.example', 'Marie — Sales');
  await h.addSdr('paul@prospekt.example', 'Paul — Sales');
  marie = await h.login('marie@prospekt.example');
  paul = await h.login('PAUL@prospekt.example');
});

afterAll(async () => {
  await h.close();
});

describe('SDR API: authentication', () => {
  it('logs in with the right password and answers who is logged in', async () => {
    const response = await h.api('POST', '/api/sdr/login', { body: { email: 'marie@prospekt.example', password: 'correct horse battery' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ sdr: { name: 'Marie — Sales' }, token: expect.any(String), expiresAt: expect.any(String) });
    expect(response.body.sdr).not.toHaveProperty('passwordHash');
    const me = await h.api('GET', '/api/sdr/me', { token: response.body.token });
    expect(me).toMatchObject({ status: 200, body: { sdr: { id: response.body.sdr.id, name: 'Marie — Sales' } } });
  });

  it('refuses a wrong password or an unknown email with the same 401', async () => {
    const wrong = await h.api('POST', '/api/sdr/login', { body: { email: 'marie@prospekt.example', password: 'nope' } });
    const unknown = await h.api('POST', '/api/sdr/login', { body: { email: 'nobody@prospekt.example', password: 'nope' } });
    expect(wrong).toEqual({ status: 401, body: { error: 'invalid_credentials', message: 'Wrong email or password' } });
    expect(unknown).toEqual(wrong);
  });

  it('answers 400 to a malformed login body', async () => {
    expect((await h.api('POST', '/api/sdr/login', { body: { email: 'marie@prospekt.example' } })).status).toBe(400);
    expect((await h.api('POST', '/api/sdr/login', { rawBody: '{"email":' })).status).toBe(400);
  });

  it('answers 401 on every endpoint without a valid bearer token', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/api/sdr/me'],
      ['GET', '/api/sdr/handoffs'],
      ['GET', '/api/sdr/handoffs/x'],
      ['POST', '/api/sdr/handoffs/x/claim'],
      ['POST', '/api/sdr/handoffs/x/messages'],
      ['POST', '/api/sdr/handoffs/x/release'],
      ['POST', '/api/sdr/handoffs/x/close'],
      ['GET', '/api/sdr/stream'],
    ];
    for (const [method, path] of routes) {
      expect((await h.api(method, path)).status, `${method} ${path}`).toBe(401);
      expect((await h.api(method, path, { token: 'forged.token' })).status, `${method} ${path} forged`).toBe(401);
    }
    // The query-string token is accepted on the stream only.
    expect((await h.api('GET', `/api/sdr/handoffs?token=${marie}`)).status).toBe(401);
  });

  it('ends the sessions of a removed SDR at once', async () => {
    const sdr = await h.addSdr('temp@prospekt.example', 'Temp');
    const token = await h.login('temp@prospekt.example');
    expect((await h.api('GET', '/api/sdr/me', { token })).status).toBe(200);
    await h.db.sdrs.remove(sdr.id);
    expect((await h.api('GET', '/api/sdr/me', { token })).status).toBe(401);
  });
});

describe('SDR API: queue and packet', () => {
  it('lists the queue by score, then by waiting time, with a suggested SDR', async () => {
    const make = async (id: string, score: number) => {
      await h.db.handoffs.create({ id, conversationId: `list-${id}`, leadId: `lead-${id}`, reason: 'high_score', score, tier: 'hot', packet: { summary: id, locale: 'fr' } });
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await make('list-a-80-old', 80);
    await make('list-b-95', 95);
    await make('list-c-80-new', 80);
    const response = await h.api('GET', '/api/sdr/handoffs?status=queued', { token: marie });
    expect(response.status).toBe(200);
    const ours = response.body.filter((item: { id: string }) => item.id.startsWith('list-'));
    expect(ours.map((item: { id: string }) => item.id)).toEqual(['list-b-95', 'list-a-80-old', 'list-c-80-new']);
    expect(ours[0]).toMatchObject({ status: 'queued', reason: 'high_score', score: 95, tier: 'hot', summary: 'list-b-95', waitingSeconds: expect.any(Number), createdAt: expect.any(String), conversationId: 'list-list-b-95' });
    expect(ours[0].suggestedSdr.name).toMatch(/— Sales$/);
    expect((await h.api('GET', '/api/sdr/handoffs?status=everything', { token: marie })).status).toBe(400);
  });

  it('returns the full packet of a real conversation, transcript in order', async () => {
    await h.reachHandoff('packet-conv');
    const handoff = await h.openHandoff('packet-conv');
    const response = await h.api('GET', `/api/sdr/handoffs/${handoff.id}`, { token: marie });
    expect(response.status).toBe(200);
    const { packet } = response.body;
    expect(response.body).toMatchObject({ id: handoff.id, status: 'queued', reason: 'high_score', score: 100, tier: 'hot', leadId: handoff.leadId });
    expect(packet.playbook).toEqual({ id: 'champ-outsourced-prospecting', version: h.playbook.version, name: h.playbook.name });
    expect(packet.facts.map((fact: { dimension: string }) => fact.dimension)).toEqual(['challenge', 'company', 'authority', 'money', 'prioritization']);
    expect(packet.facts[0]).toMatchObject({ value: 'clear_problem', evidence: 'Pas assez de rendez-vous commerciaux', confidence: 1, source: 'quick-reply' });
    expect(packet.reasons.find((reason: { rule: string }) => reason.rule === 'money:allocated')).toMatchObject({ points: 25, evidence: 'Oui, budget validé' });
    expect(packet.knockouts).toEqual([]);
    expect(packet.transcript.filter((line: { from: string }) => line.from === 'visitor').map((line: { text: string }) => line.text)).toEqual(['Bonjour', ...[
      'Pas assez de rendez-vous commerciaux',
      '10 à 50 salariés',
      'Je décide',
      'Oui, budget validé',
      'Dès que possible',
    ]]);
    expect(packet.transcript[0]).toEqual({ from: 'visitor', text: 'Bonjour', at: expect.any(String) });
    expect(packet.transcript.some((line: { from: string; text: string }) => line.from === 'bot' && /expert/.test(line.text))).toBe(true);
    const ats = packet.transcript.map((line: { at: string }) => line.at);
    expect([...ats].sort()).toEqual(ats);
    expect((await h.api('GET', '/api/sdr/handoffs/does-not-exist', { token: marie })).status).toBe(404);
  });
});

describe('SDR API: claim, messages, release, close', () => {
  it('gives a handoff to exactly one of two SDRs claiming at once', async () => {
    await h.reachHandoff('race-conv');
    const handoff = await h.openHandoff('race-conv');
    const [first, second] = await Promise.all([
      h.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token: marie }),
      h.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token: paul }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const winner = first.status === 200 ? first : second;
    const loser = first.status === 200 ? second : first;
    expect(winner.body).toMatchObject({ id: handoff.id, status: 'live' });
    expect(loser.body).toMatchObject({ error: 'conflict', message: expect.stringContaining('live') });
    expect((await h.db.handoffs.get(handoff.id))?.sdrName).toBe(winner.body.sdrName);
    // The same SDR claiming again (double click) is not an error.
    const again = await h.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token: winner === first ? marie : paul });
    expect(again.status).toBe(200);
    expect((await h.api('POST', '/api/sdr/handoffs/nope/claim', { token: marie })).status).toBe(404);
  });

  it('delivers the holder’s messages to the visitor, signed; refuses others', async () => {
    await h.reachHandoff('msg-conv');
    const handoff = await h.openHandoff('msg-conv');
    const path = `/api/sdr/handoffs/${handoff.id}/messages`;
    expect((await h.api('POST', path, { token: marie, body: { text: 'Bonjour !' } })).status).toBe(409); // still queued
    expect((await h.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token: marie })).status).toBe(200);
    await eventually(() => expect(h.botTexts('msg-conv')).toContain('Marie — Sales a rejoint la conversation.'));

    const sent = await h.api('POST', path, { token: marie, body: { text: 'Bonjour, je suis Marie. Parlons de vos objectifs ?' } });
    expect(sent).toMatchObject({ status: 200, body: { delivery: 'sent', at: expect.any(String) } });
    const delivered = h.connector.messages('msg-conv').at(-1)!;
    expect(delivered.text).toBe('**Marie — Sales** : Bonjour, je suis Marie. Parlons de vos objectifs ?');
    expect(delivered.channelData).toMatchObject({ qualibot: { fromSdr: true, sdrName: 'Marie — Sales' } });

    expect((await h.api('POST', path, { token: paul, body: { text: 'Moi aussi' } })).status).toBe(403);
    expect((await h.api('POST', path, { token: marie, body: { text: '   ' } })).status).toBe(400);
    expect((await h.api('POST', path, { token: marie, body: { message: 'wrong field' } })).status).toBe(400);
    expect((await h.api('POST', path, { token: marie, body: { text: 'x'.repeat(4001) } })).status).toBe(400);

    const transcript = await h.db.transcripts.list('msg-conv');
    const sdrLines = transcript.filter((line) => line.from === 'sdr');
    expect(sdrLines).toEqual([expect.objectContaining({ text: 'Bonjour, je suis Marie. Parlons de vos objectifs ?', author: 'Marie — Sales' })]);
    // Stored once, as the SDR's line, not a second time as a bot line by the transcript middleware.
    expect(transcript.filter((line) => line.text.includes('Parlons de vos objectifs'))).toHaveLength(1);
  });

  it('releases to the bot (holder only), which tells the visitor it is back', async () => {
    await h.reachHandoff('release-conv');
    const handoff = await h.openHandoff('release-conv');
    await h.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token: marie });
    expect((await h.api('POST', `/api/sdr/handoffs/${handoff.id}/release`, { token: paul })).status).toBe(403);
    const released = await h.api('POST', `/api/sdr/handoffs/${handoff.id}/release`, { token: marie });
    expect(released).toMatchObject({ status: 200, body: { status: 'released' } });
    expect((await h.db.handoffs.get(handoff.id))?.endReason).toBe('released-to-bot');
    expect(h.botTexts('release-conv').at(-1)).toBe("C'est de nouveau l'assistant. Merci pour votre échange avec Marie — Sales ! Puis-je vous aider sur autre chose ?");
    expect((await h.api('POST', `/api/sdr/handoffs/${handoff.id}/release`, { token: marie })).status).toBe(409);
  });

  it('closes with an outcome, stored and queued for the CRM once', async () => {
    await h.reachHandoff('close-conv');
    const handoff = await h.openHandoff('close-conv');
    await h.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token: marie });
    const path = `/api/sdr/handoffs/${handoff.id}/close`;
    expect((await h.api('POST', path, { token: marie, body: { outcome: 'maybe' } })).status).toBe(400);
    expect((await h.api('POST', path, { token: paul, body: { outcome: 'accepted' } })).status).toBe(403);
    const closed = await h.api('POST', path, { token: marie, body: { outcome: 'meeting_booked', reason: 'Démo mardi 10h' } });
    expect(closed).toMatchObject({ status: 200, body: { status: 'closed', outcome: 'meeting_booked' } });
    const stored = await h.db.handoffs.get(handoff.id);
    expect(stored).toMatchObject({ status: 'closed', outcome: 'meeting_booked', outcomeReason: 'Démo mardi 10h', endReason: 'sdr-closed', closedAt: expect.any(String) });

    const outbox = await h.db.outbox.listAbout({ conversationId: 'close-conv' });
    const events = outbox.filter((entry) => entry.idempotencyKey === `${handoff.leadId}:outcome:${handoff.id}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'lead.updated', payload: { leadId: handoff.leadId, conversationId: 'close-conv', handoff: { id: handoff.id, outcome: 'meeting_booked', outcomeReason: 'Démo mardi 10h' } } });
    expect(h.botTexts('close-conv').at(-1)).toBe('Marie — Sales a clôturé la conversation. Merci pour cet échange, et à bientôt !');

    // Repeating the same close (e.g. after a network error) is accepted and does not queue twice.
    expect((await h.api('POST', path, { token: marie, body: { outcome: 'meeting_booked' } })).status).toBe(200);
    expect((await h.db.outbox.listAbout({ conversationId: 'close-conv' })).filter((entry) => entry.idempotencyKey.includes(':outcome:'))).toHaveLength(1);
    expect((await h.api('POST', path, { token: marie, body: { outcome: 'rejected' } })).status).toBe(409);
    const closedList = await h.api('GET', '/api/sdr/handoffs?status=closed', { token: marie });
    expect(closedList.body.map((item: { id: string }) => item.id)).toContain(handoff.id);
  });
});

describe('SDR API: live stream', () => {
  it('refuses the stream without a token, and streams queue changes and messages with one', async () => {
    expect((await SseReader.open(`${h.url}/api/sdr/stream`)).status).toBe(401);
    expect((await SseReader.open(`${h.url}/api/sdr/stream?token=garbage`)).status).toBe(401);
    const stream = await SseReader.open(`${h.url}/api/sdr/stream?token=${encodeURIComponent(marie)}`);
    try {
      expect(stream.status).toBe(200);
      await h.reachHandoff('sse-conv');
      const handoff = await h.openHandoff('sse-conv');
      await eventually(() => expect(stream.events).toContainEqual({ event: 'queue', data: expect.objectContaining({ change: 'created', handoff: expect.objectContaining({ id: handoff.id, status: 'queued' }) }) }));
      await h.say('sse-conv', 'Je suis toujours là');
      await eventually(() =>
        expect(stream.events).toContainEqual({ event: 'message', data: expect.objectContaining({ handoffId: handoff.id, from: 'visitor', text: 'Je suis toujours là' }) }),
      );
      await h.api('POST', `/api/sdr/handoffs/${handoff.id}/claim`, { token: paul });
      await eventually(() => expect(stream.events).toContainEqual({ event: 'queue', data: expect.objectContaining({ change: 'claimed', handoff: expect.objectContaining({ id: handoff.id, status: 'live', sdrName: 'Paul — Sales' }) }) }));
    } finally {
      stream.close();
    }
  });
});

describe('SDR console files', () => {
  it('serves the console with a strict content security policy, and nothing else from its folder', async () => {
    const page = await fetch(`${h.url}/sdr`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/sdr/console.js"></script>');
    expect(html).not.toMatch(/<script>(?!<)/);
    const slash = await fetch(`${h.url}/sdr/`, { redirect: 'manual' });
    expect([slash.status, slash.headers.get('location')]).toEqual([301, '/sdr']);
    for (const file of ['console.js', 'i18n.js', 'console.css']) expect((await fetch(`${h.url}/sdr/${file}`)).status, file).toBe(200);
    expect((await fetch(`${h.url}/sdr/console.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const path of ['/sdr/handoff-service.ts', '/sdr/..%2Findex.ts', '/sdr/%2e%2e%2fsdr-api.ts', '/sdr/package.json']) {
      expect((await fetch(`${h.url}${path}`)).status, path).toBe(404);
    }
  });

  it('never injects HTML: the console builds every dynamic node with textContent', async () => {
    const source = await (await fetch(`${h.url}/sdr/console.js`)).text();
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('SDR API: release of a lead still being qualified', () => {
  it('tells the visitor the bot picks up where they left off', async () => {
    await h.db.references.save('qualifying-conv', {
      channelId: 'webchat',
      serviceUrl: h.connector.url,
      conversation: { id: 'qualifying-conv', isGroup: false, conversationType: 'personal', name: '' },
      bot: { id: 'qualibot', name: 'Qualibot' },
      user: { id: 'visitor-q', name: 'Visitor' },
    });
    await h.db.leads.upsert({
      id: 'lead-qualifying',
      conversationId: 'qualifying-conv',
      channel: 'webchat',
      locale: 'en',
      status: 'qualifying',
      facts: {},
      knockouts: [],
      decision: null,
      context: {},
      contact: {},
      usage: { llmCalls: 0, tokensIn: 0, tokensOut: 0 },
      playbookId: 'champ-outsourced-prospecting',
      playbookVersion: h.playbook.version,
    });
    await h.db.handoffs.create({ id: 'h-qualifying', conversationId: 'qualifying-conv', leadId: 'lead-qualifying', reason: 'ambiguous', score: 50, tier: 'warm', packet: { locale: 'en', summary: '' } });
    await h.api('POST', '/api/sdr/handoffs/h-qualifying/claim', { token: marie });
    await h.api('POST', '/api/sdr/handoffs/h-qualifying/release', { token: marie });
    expect(h.botTexts('qualifying-conv')).toEqual(['Marie — Sales has joined the conversation.', "It's the assistant again: let's pick up where we left off."]);
  });
});

describe('SDR API: internal notes and canned replies', () => {
  it('keeps notes on the lead with their author and time, for the team only', async () => {
    await h.reachHandoff('notes-conv');
    const handoff = await h.openHandoff('notes-conv');
    const path = `/api/sdr/handoffs/${handoff.id}/notes`;
    const first = await h.api('POST', path, { token: marie, body: { text: 'Budget confirmé au téléphone' } });
    expect(first).toMatchObject({ status: 200, body: { author: 'Marie — Sales', text: 'Budget confirmé au téléphone', createdAt: expect.any(String), leadId: handoff.leadId } });
    // Any SDR may note a lead, held or not; bad bodies are refused.
    expect((await h.api('POST', path, { token: paul, body: { text: 'Rappeler jeudi' } })).status).toBe(200);
    expect((await h.api('POST', path, { token: marie, body: { text: '  ' } })).status).toBe(400);
    expect((await h.api('POST', path, { token: marie, body: { text: 'x'.repeat(2001) } })).status).toBe(400);
    expect((await h.api('POST', '/api/sdr/handoffs/nope/notes', { token: marie, body: { text: 'x' } })).status).toBe(404);
    expect((await h.api('POST', path, { body: { text: 'x' } })).status).toBe(401);

    const detail = await h.api('GET', `/api/sdr/handoffs/${handoff.id}`, { token: paul });
    expect(detail.body.notes.map((note: { author: string; text: string }) => [note.author, note.text])).toEqual([
      ['Marie — Sales', 'Budget confirmé au téléphone'],
      ['Paul — Sales', 'Rappeler jeudi'],
    ]);
    // Never sent to the visitor, never in the transcript.
    expect(h.botTexts('notes-conv').join('\n')).not.toContain('Budget confirmé');
    expect((await h.db.transcripts.list('notes-conv')).map((line) => line.text).join('\n')).not.toContain('Rappeler jeudi');
  });

  it('serves the canned replies per visitor language', async () => {
    const response = await h.api('GET', '/api/sdr/canned-replies', { token: marie });
    expect(response.status).toBe(200);
    expect(response.body.fr.length).toBeGreaterThan(0);
    expect(response.body.en.length).toBeGreaterThan(0);
    expect(response.body.fr[0]).toEqual({ id: expect.stringMatching(/^[a-z0-9-]+$/), label: expect.any(String), text: expect.any(String) });
    expect((await h.api('GET', '/api/sdr/canned-replies')).status).toBe(401);
  });
});
