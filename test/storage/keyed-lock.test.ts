import { describe, expect, it } from 'vitest';
import { KeyedLock, withLock } from '../../src/storage/keyed-lock.js';
import { sleep } from './fixtures.js';

describe('KeyedLock / withLock', () => {
  it('serialises 50 concurrent read→modify→write on one key (no lost update)', async () => {
    let shared = 0;
    const increment = () =>
      withLock('conversation-1', async () => {
        const read = shared;
        await sleep(Math.random() * 2);
        shared = read + 1;
      });
    await Promise.all(Array.from({ length: 50 }, increment));
    expect(shared).toBe(50);
  });

  it('without the lock the same code does lose updates (the test above can fail)', async () => {
    let shared = 0;
    const increment = async () => {
      const read = shared;
      await sleep(1);
      shared = read + 1;
    };
    await Promise.all(Array.from({ length: 50 }, increment));
    expect(shared).toBeLessThan(50);
  });

  it('runs in FIFO order, keeps going after a failure, and forgets idle keys', async () => {
    const lock = new KeyedLock();
    const order: number[] = [];
    const runs = [1, 2, 3, 4].map((n) =>
      lock
        .run('k', async () => {
          await sleep(5 - n);
          order.push(n);
          if (n === 2) throw new Error('turn 2 failed');
          return n;
        })
        .catch((error: Error) => error.message),
    );
    expect(await Promise.all(runs)).toEqual([1, 'turn 2 failed', 3, 4]);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(lock.activeKeys).toBe(0);
  });

  it('does not hold one key up for another', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    await Promise.all([
      lock.run('a', async () => {
        await sleep(40);
        events.push('a');
      }),
      lock.run('b', async () => {
        events.push('b');
      }),
    ]);
    expect(events).toEqual(['b', 'a']);
  });
});
