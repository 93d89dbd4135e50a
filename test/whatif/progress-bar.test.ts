import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress-bar.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream };
}

describe('the whatif progress bar', () => {
  it('draws on a terminal, once per percent, and ends the line when done', () => {
    const { writes, stream } = fakeStream(true);
    const update = progressBar('whatif', stream);
    for (let done = 0; done <= 1000; done += 1) update(done, 1000);
    expect(writes).toHaveLength(101);
    expect(writes.at(-1)).toBe(`\rwhatif [${'#'.repeat(30)}] 100% 1000/1000\n`);
  });

  it('writes nothing when stderr is a pipe', () => {
    const { writes, stream } = fakeStream(false);
    progressBar('whatif', stream)(5, 10);
    expect(writes).toEqual([]);
  });
});
