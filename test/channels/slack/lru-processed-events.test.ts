import { describe, expect, it } from 'vitest';
import { LruProcessedEvents } from '../../../src/channels/slack/lru-processed-events.js';

describe('LruProcessedEvents', () => {
  it('claims an (conversation, id) pair once', async () => {
    const seen = new LruProcessedEvents();
    expect(await seen.claim('T1:D1', 'Ev1')).toBe(true);
    expect(await seen.claim('T1:D1', 'Ev1')).toBe(false);
    expect(await seen.claim('T1:D2', 'Ev1')).toBe(true);
  });

  it('forgets the oldest claims beyond its capacity', async () => {
    const seen = new LruProcessedEvents(2);
    await seen.claim('c', '1');
    await seen.claim('c', '2');
    await seen.claim('c', '3');
    expect(await seen.claim('c', '3')).toBe(false);
    expect(await seen.claim('c', '1')).toBe(true);
  });
});

describe('LruProcessedEvents recency', () => {
  it('keeps a retried key over an older untouched one', async () => {
    const seen = new LruProcessedEvents(2);
    await seen.claim('c', '1');
    await seen.claim('c', '2');
    expect(await seen.claim('c', '1')).toBe(false);
    await seen.claim('c', '3');
    expect(await seen.claim('c', '1')).toBe(false);
    expect(await seen.claim('c', '2')).toBe(true);
  });
});
