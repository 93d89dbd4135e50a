/**
 * Releases waiting tasks one per event-loop iteration (setImmediate), so the socket I/O in between — a visitor's
 * message read and its echo (the acknowledgement) written — waits for at most one turn, never for every turn that
 * became runnable at once: a turn without real I/O (rules mode) otherwise runs to its end in microtasks, and a
 * burst of them holds the loop for all of their time.
 */
export class OnePerTick {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  /** Resolves on a later iteration of the event loop, after the tasks that asked before. */
  turn(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // An immediate queued from inside an immediate runs on the next iteration: the poll phase (sockets) comes between.
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()!();
      this.schedule();
    });
  }
}
