import { describe, expect, it } from 'vitest';
import { InMemoryWidgetHistory } from '../../../src/channels/widget/in-memory-widget-history.js';

describe('InMemoryWidgetHistory', () => {
  it('numbers activities per conversation and returns those after a watermark, in order', async () => {
    const history = new InMemoryWidgetHistory();
    expect(await history.append('a', { text: 'a1' })).toBe(1);
    expect(await history.append('b', { text: 'b1' })).toBe(1);
    expect(await history.append('a', { text: 'a2' })).toBe(2);
    expect(await history.append('a', { text: 'a3' })).toBe(3);
    expect((await history.since('a', 1)).map((entry) => [entry.seq, entry.activity.text])).toEqual([
      [2, 'a2'],
      [3, 'a3'],
    ]);
    expect(await history.since('a', 3)).toEqual([]);
    expect(await history.since('unknown', 0)).toEqual([]);
  });

  it('stores copies, so later mutations of the activity do not rewrite history', async () => {
    const history = new InMemoryWidgetHistory();
    const activity = { text: 'original' };
    await history.append('a', activity);
    activity.text = 'changed';
    const [entry] = await history.since('a', 0);
    entry!.activity.text = 'also changed';
    expect((await history.since('a', 0))[0]!.activity.text).toBe('original');
  });

  it('forgets the least recently written conversation and the oldest activities beyond its limits', async () => {
    const history = new InMemoryWidgetHistory({ maxConversations: 2, maxActivitiesPerConversation: 2 });
    await history.append('a', { text: '1' });
    await history.append('b', { text: '1' });
    await history.append('a', { text: '2' });
    await history.append('c', { text: '1' }); // evicts b, the least recently written
    expect(await history.since('b', 0)).toEqual([]);
    expect(await history.append('a', { text: '3' })).toBe(3); // numbering continues
    expect((await history.since('a', 0)).map((entry) => entry.seq)).toEqual([2, 3]);
  });
});
