import { createHash } from 'node:crypto';

/** The fake's token estimate: one token per four characters. */
export const CHARS_PER_TOKEN = 4;
/** OpenAI caches prompts of at least 1,024 tokens, and serves the longest cached prefix in steps of 128 tokens. */
const MINIMUM_TOKENS = 1024;
const STEP_TOKENS = 128;

/**
 * Provider-side prompt caching as OpenAI documents it ("Prompt caching": automatic for prompts of 1,024 tokens or
 * more, the longest previously seen prefix, in 128-token increments, reported as
 * `usage.prompt_tokens_details.cached_tokens`). A prompt whose start changes between calls (a date, a counter) is
 * never served from the cache: that is what the fake lets a test or the bench see.
 */
export class FakePromptCache {
  private readonly prefixes = new Set<string>();

  /** The cached tokens of this prompt, then remembers its prefixes for the next calls. */
  lookup(prompt: string): number {
    const boundaries: number[] = [];
    for (let tokens = MINIMUM_TOKENS; tokens * CHARS_PER_TOKEN <= prompt.length; tokens += STEP_TOKENS) boundaries.push(tokens);
    let cached = 0;
    for (const tokens of boundaries) {
      const key = digest(prompt.slice(0, tokens * CHARS_PER_TOKEN));
      if (this.prefixes.has(key)) cached = tokens;
      else this.prefixes.add(key);
    }
    return cached;
  }

  clear(): void {
    this.prefixes.clear();
  }
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
