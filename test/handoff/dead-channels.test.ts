import { afterEach, describe, expect, it } from 'vitest';
import type { LeadPacket } from '../../src/handoff/lead-packet.js';
import { FakeConnector } from '../fakes/fake-connector.js';
import { eventually, HandoffHarness, HOT_ANSWERS_FR, startHarness } from './helpers/handoff-harness.js';

/**
 * Reproduces a database full of waiting handoffs whose visitors' channels no longer answer: the assignment
 * timeout of a new visitor must still fire at once, those handoffs must end in a state the console shows
 * ("visitor gone"), and every send to the dead channel must stay bounded (a few at a time, then none while it
 * keeps failing).
 */

const TIMED_OUT_FR = "Désolé de vous avoir fait attendre : nos experts sont tous occupés en ce moment et personne n'a pu vous rejoindre.";
const DEAD = 24;

const harnesses: HandoffHarness[] = [];
const connectors: FakeConnector[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
  for (const connector of connectors.splice(0)) await connector.stop();
});

/** A harness whose sends give up after 300 ms and retry a refused notice twice, quickly. */
async function harness(): Promise<HandoffHarness> {
  const h = await startHarness({ config: { deliveryTimeoutMs: 300, noticeRetryDelaysMs: [50, 50], bookingUrl: undefined } });
  harnesses.push(h);
  return h;
}

/** Hot visitors whose channel service is `service` (replies during their turns go there). */
async function hotVisitorsOn(h: HandoffHarness, service: FakeConnector, ids: string[], firstWords = 'Bonjour'): Promise<void> {
  for (const id of ids) {
    for (const text of [firstWords, ...HOT_ANSWERS_FR]) await h.post(id, { text, serviceUrl: service.url });
  }
}

async function deadService(): Promise<FakeConnector> {
  const service = new FakeConnector();
  await service.start();
  connectors.push(service);
  return service;
}

describe('visitors whose channel no longer answers', () => {
  it('never delay the no-SDR message of another visitor: it arrives while their sends still hang', async () => {
    const h = await harness();
    const dead = await deadService();
    const ids = Array.from({ length: DEAD }, (_, index) => `dead-${index}`);
    await hotVisitorsOn(h, dead, ids);
    await h.reachHandoff('alive');
    dead.hang = true;

    h.clock.advance(121_000);
    expect(await h.module.service.sweep()).toBe(DEAD + 1);
    await eventually(() => expect(h.botTexts('alive')).toContain(TIMED_OUT_FR), 2000);
    // The dead channel's sends were started but none of them has been answered.
    expect(dead.hung).toBeGreaterThan(0);
    expect(dead.messages().filter((activity) => activity.text === TIMED_OUT_FR)).toEqual([]);
    await h.module.service.noticesSettled();
  });

  it('end as "visitor gone" (closed when nobody can be called back), with a bounded number of attempts', async () => {
    const h = await harness();
    const dead = await deadService();
    const ids = Array.from({ length: DEAD }, (_, index) => `gone-${index}`);
    await hotVisitorsOn(h, dead, ids);
    // One of them left an email before the channel died: still a callback task, flagged.
    await h.post('gone-0', { text: 'mon e-mail : lea@exemple.fr', serviceUrl: dead.url });
    dead.hang = true;

    h.clock.advance(121_000);
    await h.module.service.sweep();
    await h.module.service.noticesSettled();

    const handoffs = await Promise.all(ids.map((id) => h.openHandoff(id)));
    const [withContact, ...anonymous] = handoffs;
    expect(withContact).toMatchObject({ status: 'expired', endReason: 'assignment-timeout' });
    expect((withContact!.packet as LeadPacket).callback).toMatchObject({ status: 'unreachable' });
    for (const handoff of anonymous) expect(handoff).toMatchObject({ status: 'closed', endReason: 'visitor-unreachable' });
    // Four at a time, then the lane pauses and the rest fail without calling: far fewer calls than notices.
    expect(dead.hung).toBeLessThanOrEqual(8);

    // The console shows it: the SDR sees who is gone, in the queue and in the closed list.
    await h.addSdr('marie@prospekt.example', 'Marie — Sales');
    const token = await h.login('marie@prospekt.example');
    const queue = await h.api('GET', '/api/sdr/handoffs?status=queued', { token });
    expect(queue.body).toContainEqual(expect.objectContaining({ id: withContact!.id, visitorGone: true, callback: true }));
    const closed = await h.api('GET', '/api/sdr/handoffs?status=closed', { token });
    expect(closed.body.filter((item: { endReason?: string }) => item.endReason === 'visitor-unreachable')).toHaveLength(DEAD - 1);
  });

  it('that refuse connections are given up the same way, and a visitor on a live channel is told as usual', async () => {
    const h = await harness();
    const refused = await deadService();
    await hotVisitorsOn(h, refused, ['refused-a', 'refused-b', 'refused-c', 'refused-d']);
    await h.reachHandoff('alive');
    await refused.stop();

    h.clock.advance(121_000);
    expect(await h.module.service.sweep()).toBe(5);
    await h.module.service.noticesSettled();
    expect(h.botTexts('alive')).toContain(TIMED_OUT_FR);
    for (const id of ['refused-a', 'refused-b', 'refused-c', 'refused-d']) {
      expect(await h.openHandoff(id)).toMatchObject({ status: 'closed', endReason: 'visitor-unreachable' });
    }
    expect(await h.openHandoff('alive')).toMatchObject({ status: 'expired' });
  });
});
