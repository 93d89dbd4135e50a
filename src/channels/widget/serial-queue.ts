/**
 * Runs async tasks one after the other. Used per conversation so two turns never race on the bot's
 * state, and so activities reach the history and the sockets in the same order.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => Promise<T> | T): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(task).finally(() => {
      this.pending -= 1;
    });
    // A failed task must not block the ones queued after it; the caller still sees the failure.
    this.tail = result.catch(() => undefined);
    return result;
  }

  get idle(): boolean {
    return this.pending === 0;
  }
}
