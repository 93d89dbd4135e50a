import { describe, expect, it } from 'vitest';
import { Drain } from '../../src/server/drain.js';

describe('drain', () => {
  it('counts running turns and wakes a shutdown when the last one ends', async () => {
    const drain = new Drain();
    let finish!: () => void;
    const turn = drain.track(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(drain.turnsRunning).toBe(1);
    drain.start();
    expect(drain.isDraining).toBe(true);
    const idle = drain.idle(10_000);
    finish();
    await turn;
    expect(await idle).toBe(true);
    expect(drain.turnsRunning).toBe(0);
  });

  it('stops waiting at the deadline when a turn never ends, and a failed turn still counts down', async () => {
    const drain = new Drain();
    void drain.track(() => new Promise(() => undefined));
    await expect(drain.track(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(drain.turnsRunning).toBe(1);
    expect(await drain.idle(20)).toBe(false);
    expect(await new Drain().idle(20)).toBe(true);
  });
});
