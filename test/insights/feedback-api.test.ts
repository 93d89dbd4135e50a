import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInbound } from '../../src/crm/inbound-outcomes.js';
import { hashPassword } from '../../src/handoff/password-hash.js';
import type { SdrRole } from '../../src/storage/ports/sdrs.js';
import { resolvePlaybookPath } from '../../src/playbook/loader.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { seedFixture } from './insights-fixture.js';

const SECRET = 'crm-outcomes-secret-0123456789';
const PASSWORD = 'correct horse battery';

/**
 * The feedback loop's HTTP side on the real app: the CRM outcome endpoint refuses what is unsigned,
 * stale, about an unknown lead or malformed (and writes nothing), counts an event id once; the close
 * API checks a verdict against the playbook; the insights API needs the admin or manager role.
 */
describe('feedback API', () => {
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof seedFixture>>;

  const tokenOf = async (roles: SdrRole[]) => {
    const email = `${randomUUID()}@example.test`;
    await t.app.db.sdrs.add({ id: randomUUID(), email, name: 'Someone', passwordHash: await hashPassword(PASSWORD), roles });
    const response = await fetch(`${t.app.url}/api/sdr/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    return ((await response.json()) as { token: string }).token;
  };

  const postOutcome = async (body: unknown, options: { timestamp?: number; secret?: string; unsigned?: boolean } = {}) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!options.unsigned) {
      headers['x-qualibot-timestamp'] = String(timestamp);
      headers['x-qualibot-signature'] = signInbound(raw, timestamp, options.secret ?? SECRET);
    }
    const response = await fetch(`${t.app.url}/api/crm/outcomes`, { method: 'POST', headers, body: raw });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await startTestApp({ WARM_UP: 'false', CRM_OUTCOMES_SECRET: SECRET, SDR_TOKEN_SECRET: 'feedback-api-secret-0123456789', BUSINESS_HOURS: '' });
    seeded = await seedFixture(t.app.db);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses unsigned, forged, stale, unknown-lead and malformed outcomes with a 4xx, and writes nothing', async () => {
    const leadId = seeded.leads.B.id;
    const good = { eventId: 'sf-1', leadId, type: 'won', occurredAt: '2026-12-01T10:00:00Z', amount: 5000, currency: 'EUR' };
    const refused = [
      [await postOutcome(good, { unsigned: true }), 401, 'unsigned'],
      [await postOutcome(good, { secret: 'not-the-secret-0123456789' }), 401, 'bad_signature'],
      [await postOutcome(good, { timestamp: Math.floor(Date.now() / 1000) - 600 }), 401, 'stale'],
      [await postOutcome({ ...good, leadId: 'no-such-lead' }), 404, 'unknown_lead'],
      [await postOutcome({ ...good, type: 'maybe' }), 400, 'malformed'],
      [await postOutcome({ ...good, occurredAt: 'yesterday' }), 400, 'malformed'],
      [await postOutcome({ ...good, type: 'lost', reason: 'price' }), 400, 'malformed'], // an amount only goes with won
    ] as const;
    for (const [response, status, error] of refused) expect([response.status, response.body.error]).toEqual([status, error]);
    // Not JSON at all: refused by the server's body parser before the route, in the app-wide error shape.
    expect((await postOutcome('{"eventId": "sf-1", ')).status).toBe(400);
    expect(await t.app.db.feedback.outcomesOf(leadId)).toEqual([]);
  });

  it('records an outcome once per event id', async () => {
    const leadId = seeded.leads.B.id;
    const event = { eventId: 'sf-2', leadId, type: 'lost', occurredAt: '2026-12-02', reason: 'went with a competitor' };
    expect(await postOutcome(event)).toEqual({ status: 201, body: { eventId: 'sf-2', duplicate: false } });
    expect(await postOutcome(event)).toEqual({ status: 200, body: { eventId: 'sf-2', duplicate: true } });
    expect(await t.app.db.feedback.outcomesOf(leadId)).toEqual([
      expect.objectContaining({ eventId: 'sf-2', kind: 'lost', occurredAt: '2026-12-02T00:00:00.000Z', reason: 'went with a competitor' }),
    ]);
  });

  it('checks a verdict against the playbook before closing, then stores it', async () => {
    const token = await tokenOf([]);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const id = seeded.handoffs.D!.id;
    const claim = await fetch(`${t.app.url}/api/sdr/handoffs/${id}/claim`, { method: 'POST', headers: auth });
    expect(claim.status).toBe(200);
    const close = (body: unknown) => fetch(`${t.app.url}/api/sdr/handoffs/${id}/close`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    for (const bad of [
      { outcome: 'rejected', rejectionReason: 'too_tall' },
      { outcome: 'accepted', rejectionReason: 'no_budget' },
      { outcome: 'rejected', corrections: [{ dimension: 'authority', level: 'emperor' }] },
      { outcome: 'rejected', missingSignals: ['horoscope'] },
    ]) {
      const response = await close(bad);
      expect(response.status).toBe(400);
    }
    expect((await t.app.db.handoffs.get(id))!.status).toBe('live');
    expect(await t.app.db.feedback.verdictOf(id)).toBeUndefined();
    const done = await close({ outcome: 'rejected', rejectionReason: 'wrong_contact', missingSignals: ['authority'], corrections: [{ dimension: 'authority', level: 'no_role' }], reason: 'the intern' });
    expect(done.status).toBe(200);
    expect(await t.app.db.feedback.verdictOf(id)).toMatchObject({
      verdict: 'rejected',
      reasonId: 'wrong_contact',
      note: 'the intern',
      missingSignals: ['authority'],
      corrections: [{ dimension: 'authority', extracted: 'influencer', corrected: 'no_role' }],
      via: 'console',
    });
  });

  it('serves the insights to admins and managers only, and says what is wrong with a filter', async () => {
    const get = (path: string, token?: string) => fetch(`${t.app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get('/api/insights')).status).toBe(401);
    expect((await get('/api/insights', await tokenOf([]))).status).toBe(403);
    const manager = await tokenOf(['manager']);
    const all = (await (await get('/api/insights', manager)).json()) as { charts: Array<{ id: string; rows: Array<Record<string, unknown>> }>; labels: { rejectionReasons: Record<string, { fr: string }> } };
    expect(all.charts.map((chart) => chart.id)).toEqual(['funnel', 'routes', 'calibration', 'dimensions', 'rejections', 'missing-signals', 'corrections', 'timings', 'versions']);
    expect(all.charts[0]!.rows[0]).toEqual({ stage: 'conversations', count: 11, ofPrevious: null });
    expect(all.labels.rejectionReasons.no_budget!.fr).toBe('Pas de budget');
    const funnel = (await (await get('/api/insights/funnel?utmSource=LinkedIn', await tokenOf(['admin']))).json()) as { rows: Array<{ count: number }> };
    expect(funnel.rows[0]!.count).toBe(1);
    const bad = await get('/api/insights/funnel?from=last-week', manager);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^from: /);
    expect((await get('/api/insights/horoscope', manager)).status).toBe(404);
  });

  it('compares playbook versions and gives calibration (too little data here) to admins and managers only', async () => {
    const get = (path: string, token?: string) => fetch(`${t.app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const manager = await tokenOf(['manager']);
    const versions = (await (await get('/api/insights/versions', manager)).json()) as { rows: Array<Record<string, unknown>> };
    // The fixture's routes (EXPECTED.routes), and the one rejection the close test above recorded.
    expect(versions.rows).toEqual([
      { playbookVersion: 'fixture-1', conversations: 11, handoff: 6, nurture: 3, disqualify: 2, knockouts: 2, handoffRate: 0.5455, judged: 1, accepted: 0, rejected: 1, acceptanceRate: 0, won: 0 },
    ]);
    expect((await get('/api/insights/calibrate')).status).toBe(401);
    expect((await get('/api/insights/calibrate', await tokenOf([]))).status).toBe(403);
    const response = await get('/api/insights/calibrate', manager);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { playbook: { id: string }; calibration: { verdicts: number; minimum: number; tooFew?: string }; candidate: string | null };
    expect(body.playbook.id).toBe('champ-outsourced-prospecting');
    expect(body.calibration).toMatchObject({ minimum: 30, tooFew: expect.stringMatching(/at least 30/) });
    expect(body.candidate).toBeNull();
    expect((await get('/api/insights/calibrate?from=yesterday', manager)).status).toBe(400);
  });

  it('replays a pasted candidate playbook over the period, and refuses an invalid one with the start-up errors', async () => {
    const post = (body: unknown, token?: string) =>
      fetch(`${t.app.url}/api/insights/whatif`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const running = readFileSync(resolvePlaybookPath('champ'), 'utf8');
    const raised = running.replace(/^ {2}handoff: 70$/m, '  handoff: 80');
    expect(raised).not.toBe(running);
    expect((await post({ playbook: raised })).status).toBe(401);
    expect((await post({ playbook: raised }, await tokenOf([]))).status).toBe(403);
    const manager = await tokenOf(['manager']);
    const invalid = await post({ playbook: running.replace(/^ {4}weight: 25$/m, '    weight: -1') }, manager);
    expect(invalid.status).toBe(400);
    expect((await invalid.json()) as Record<string, string>).toMatchObject({ error: 'invalid_playbook', message: expect.stringMatching(/dimensions\[0\] \(challenge\)\.weight/) });
    expect((await post({}, manager)).status).toBe(400);
    const report = (await (await post({ playbook: raised }, manager)).json()) as { mode: string; changes: string[]; leads: number; apart: { otherPlaybook: Record<string, number> } };
    // The fixture's eleven leads were scored with another version of the playbook: counted apart, not re-scored.
    expect(report).toMatchObject({ mode: 'scoring-only', changes: ['thresholds.handoff 70 → 80'], leads: 11, apart: { otherPlaybook: { 'champ-outsourced-prospecting@fixture-1': 11 } } });
  });
});
