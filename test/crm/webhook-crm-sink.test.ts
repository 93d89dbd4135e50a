import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmEvent } from '../../src/crm/crm-event.js';
import { CrmDeliveryError } from '../../src/crm/crm-sink.js';
import { WebhookCrmSink, parseRetryAfter } from '../../src/crm/webhook-crm-sink.js';
import { signBody, verifySignature } from '../../src/crm/webhook-signature.js';
import { startFakeCrm, type FakeCrm } from '../fakes/fake-crm-server.js';

const secret = 'test-secret-0123456789';
const event: CrmEvent = {
  type: 'lead.qualified',
  idempotencyKey: 'lead-7:3',
  occurredAt: '2026-02-01T09:00:00.000Z',
  payload: {
    lead: { id: 'lead-7', version: 3, score: 84, route: 'handoff', conversationId: 'conv-secret' },
    contact: { email: 'ada@example.test', phone: '+33 6 00 00 00 00' },
    context: { pageUrl: 'https://example.test/pricing' },
  },
};

describe('WebhookCrmSink against a loopback CRM', () => {
  let crm: FakeCrm;
  const sink = (overrides: Partial<ConstructorParameters<typeof WebhookCrmSink>[0]> = {}) =>
    new WebhookCrmSink({ url: crm.url, secret, fields: ['lead.id', 'lead.score', 'lead.route', 'contact.email'], ...overrides });

  beforeEach(async () => {
    crm = await startFakeCrm();
  });
  afterEach(async () => {
    await crm.close();
  });

  it('posts signed JSON with timestamp and idempotency key, and only the allowed fields', async () => {
    const now = new Date('2026-02-01T09:00:05.000Z');
    await sink({ now: () => now }).deliver(event);

    expect(crm.requests).toHaveLength(1);
    const [request] = crm.requests;
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['idempotency-key']).toBe('lead-7:3');
    expect(request!.headers['x-qualibot-timestamp']).toBe(String(now.getTime() / 1000));
    expect(verifySignature(request!.rawBody, request!.headers['x-qualibot-signature'] as string, secret)).toBe(true);
    expect(verifySignature(request!.rawBody, request!.headers['x-qualibot-signature'] as string, 'wrong-secret')).toBe(false);
    expect(request!.headers['x-qualibot-signature']).toBe(signBody(request!.rawBody, secret));

    expect(request!.json).toEqual({
      id: 'lead-7:3',
      type: 'lead.qualified',
      occurredAt: '2026-02-01T09:00:00.000Z',
      timestamp: now.getTime() / 1000,
      data: { lead: { id: 'lead-7', score: 84, route: 'handoff' }, contact: { email: 'ada@example.test' } },
    });
    expect(request!.rawBody).not.toContain('conv-secret');
    expect(request!.rawBody).not.toContain('+33');
    expect(request!.rawBody).not.toContain('pricing');
  });

  it('a tampered body no longer verifies', async () => {
    await sink().deliver(event);
    const [request] = crm.requests;
    const tampered = request!.rawBody.replace('"score":84', '"score":99');
    expect(verifySignature(tampered, request!.headers['x-qualibot-signature'] as string, secret)).toBe(false);
  });

  it.each([
    [500, true],
    [503, true],
    [408, true],
    [429, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
    [302, false],
  ])('HTTP %i fails with retryable=%s', async (status, retryable) => {
    crm.script({ status, headers: status === 302 ? { Location: 'http://127.0.0.1:1/elsewhere' } : {} });
    const failure = await sink().deliver(event).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CrmDeliveryError);
    expect(failure).toMatchObject({ status, retryable, code: 'crm_delivery_failed' });
    expect(crm.requests).toHaveLength(1);
  });

  it('passes on Retry-After', async () => {
    crm.script({ status: 429, headers: { 'Retry-After': '30' } });
    await expect(sink().deliver(event)).rejects.toMatchObject({ retryable: true, retryAfterMs: 30_000 });
  });

  it('gives up on a slow CRM after the timeout, as a retryable failure', async () => {
    crm.script({ status: 200, delayMs: 2000 });
    const started = Date.now();
    await expect(sink({ timeoutMs: 150 }).deliver(event)).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/timed out/) });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reports an unreachable CRM as retryable', async () => {
    const url = crm.url;
    await crm.close();
    await expect(new WebhookCrmSink({ url, secret, fields: [] }).deliver(event)).rejects.toMatchObject({ retryable: true });
    crm = await startFakeCrm();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-02-01T09:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 01 Feb 2026 09:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('garbage', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
