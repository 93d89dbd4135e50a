import { describe, expect, it } from 'vitest';
import { DeliveryError, DeliveryLanes } from '../../src/delivery/delivery-lanes.js';

/** A call that stays pending until released, recording that it started. */
function pending() {
  let release!: (value: string) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<string>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return { promise, release, fail };
}

describe('delivery lanes', () => {
  it('runs at most `concurrency` calls per destination; other destinations are not held up', async () => {
    const lanes = new DeliveryLanes({ concurrency: 2, timeoutMs: 10_000 });
    const calls = [pending(), pending(), pending()];
    let started = 0;
    const results = calls.map((call) => lanes.run('dead', () => ((started += 1), call.promise)));
    await Promise.resolve();
    expect(started).toBe(2);
    expect(await lanes.run('alive', async () => 'fast')).toBe('fast');
    calls[0]!.release('one');
    expect(await results[0]).toBe('one');
    await Promise.resolve();
    expect(started).toBe(3);
    calls[1]!.release('two');
    calls[2]!.release('three');
    expect(await Promise.all(results)).toEqual(['one', 'two', 'three']);
  });

  it('gives up at the deadline with a timeout error and aborts the call', async () => {
    const lanes = new DeliveryLanes({ timeoutMs: 20 });
    let signal: AbortSignal | undefined;
    const error = await lanes.run('slow', (given) => ((signal = given), new Promise(() => undefined))).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ destination: 'slow', reason: 'timeout' });
    expect(signal?.aborted).toBe(true);
  });

  it('pauses a destination after repeated failures: calls fail at once, waiters too, then one trial after the pause', async () => {
    let now = 1_000;
    const lanes = new DeliveryLanes({ concurrency: 1, failuresToPause: 2, pauseMs: 1_000, timeoutMs: 10_000, now: () => now });
    const boom = () => Promise.reject(new Error('ECONNREFUSED'));
    await expect(lanes.run('dead', boom)).rejects.toThrow('ECONNREFUSED');
    const blocked = pending();
    const first = lanes.run('dead', () => blocked.promise);
    const waiter = lanes.run('dead', async () => 'never called');
    blocked.fail(new Error('ECONNREFUSED'));
    await expect(first).rejects.toThrow('ECONNREFUSED');
    await expect(waiter).rejects.toMatchObject({ reason: 'paused' });
    expect(lanes.isPaused('dead')).toBe(true);
    let called = false;
    await expect(lanes.run('dead', async () => ((called = true), 'x'))).rejects.toMatchObject({ reason: 'paused' });
    expect(called).toBe(false);
    expect(lanes.isPaused('other')).toBe(false);

    now += 1_001;
    expect(await lanes.run('dead', async () => 'recovered')).toBe('recovered');
    expect(lanes.isPaused('dead')).toBe(false);
  });

  it('doubles the pause while the destination keeps failing, up to the ceiling', async () => {
    let now = 0;
    const lanes = new DeliveryLanes({ failuresToPause: 1, pauseMs: 100, maxPauseMs: 300, now: () => now });
    const boom = () => Promise.reject(new Error('down'));
    const pauses: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      await lanes.run('dead', boom).catch(() => undefined);
      const start = now;
      while (lanes.isPaused('dead')) now += 10;
      pauses.push(now - start);
    }
    expect(pauses).toEqual([100, 200, 300, 300]);
  });
});
