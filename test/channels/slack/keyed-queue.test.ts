import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../../src/channels/slack/keyed-queue.js';

describe('KeyedQueue', () => {
  it('runs tasks of one key one after the other, in order, while other keys run alongside', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`${name}:start`);
      await sleep(ms);
      log.push(`${name}:end`);
      return name;
    };
    const results = await Promise.all([queue.run('a', task('a1', 30)), queue.run('a', task('a2', 1)), queue.run('b', task('b1', 1))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a2:start')).toBeGreaterThan(log.indexOf('a1:end'));
    expect(log.indexOf('b1:end')).toBeLessThan(log.indexOf('a1:end'));
  });

  it('keeps going after a failed task, and the caller sees the failure', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('pauses the minimum interval between two tasks of one key, not between different keys', async () => {
    const queue = new KeyedQueue(80);
    const starts: Record<string, number[]> = { a: [], b: [] };
    const stamp = (key: 'a' | 'b') => async () => void starts[key]!.push(Date.now());
    // The pause counts from the end of the previous task: a slow task does not eat into it.
    await queue.run('a', async () => void (await sleep(50)));
    const afterSlow = Date.now();
    await Promise.all([queue.run('a', stamp('a')), queue.run('a', stamp('a')), queue.run('a', stamp('a')), queue.run('b', stamp('b'))]);
    const [a0, a1, a2] = starts.a as [number, number, number];
    expect(a0 - afterSlow).toBeGreaterThanOrEqual(75);
    expect(a1 - a0).toBeGreaterThanOrEqual(75);
    expect(a2 - a1).toBeGreaterThanOrEqual(75);
    expect(starts.b![0]! - afterSlow).toBeLessThan(40);
  });

  it('forgets idle keys once their interval has passed, and idle() waits for everything queued', async () => {
    const queue = new KeyedQueue(20);
    let done = 0;
    for (const key of ['a', 'b', 'c']) void queue.run(key, async () => void (await sleep(10), done++));
    await queue.idle();
    expect(done).toBe(3);
    expect(queue.size).toBe(3);
    await sleep(40);
    expect(queue.size).toBe(0);
  });
});
