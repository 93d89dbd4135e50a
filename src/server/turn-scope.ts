import { AsyncLocalStorage } from 'node:async_hooks';

/** What code deep inside a turn may need to know about it without every signature carrying it. */
export interface TurnScope {
  conversationId: string;
}

const scopes = new AsyncLocalStorage<TurnScope>();

/** Runs one turn with its scope available to everything it awaits (extractors included). */
export function runInTurnScope<T>(scope: TurnScope, fn: () => Promise<T>): Promise<T> {
  return scopes.run(scope, fn);
}

/** The scope of the turn this code runs in, if any (undefined outside a turn, e.g. in the CLI). */
export function currentTurnScope(): TurnScope | undefined {
  return scopes.getStore();
}
