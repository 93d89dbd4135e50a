import type OpenAI from 'openai';
import { zodFunction, zodResponseFormat } from 'openai/helpers/zod';
import type { z } from 'zod';
import type { ExtractFactsConfig } from './extract-facts-config.js';
import type { ExtractionMessages } from './extraction-prompt.js';

/**
 * The two request shapes for structured output:
 * - `json_schema`: OpenAI structured outputs, the answer is `choices[0].message.content`;
 * - `tool`: one forced function call, the answer is `tool_calls[0].function.arguments`
 *   (for OpenAI-compatible servers that support tools but not `response_format: json_schema`).
 */
export type StructuredOutputMode = 'json_schema' | 'tool';

type ChatRequest = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
type ChatCompletion = OpenAI.Chat.Completions.ChatCompletion;

export class ChatRequestBuilder {
  private readonly shape: Pick<ChatRequest, 'response_format' | 'tools' | 'tool_choice'>;

  constructor(
    private readonly model: string,
    private readonly mode: StructuredOutputMode,
    private readonly config: ExtractFactsConfig,
    schema: z.ZodType,
  ) {
    // Converted once: the JSON schema only changes with the playbook.
    this.shape =
      mode === 'json_schema'
        ? { response_format: zodResponseFormat(schema, config.schemaName) }
        : {
            tools: [zodFunction({ name: config.toolName, parameters: schema, description: config.toolDescription || undefined })],
            tool_choice: { type: 'function', function: { name: config.toolName } },
          };
  }

  build(messages: ExtractionMessages): ChatRequest {
    return {
      model: this.model,
      temperature: this.config.temperature,
      max_tokens: this.config.maxTokens,
      messages: [
        { role: 'system', content: messages.system },
        { role: 'user', content: messages.user },
      ],
      ...this.shape,
    };
  }

  /** The model's raw answer text, or its refusal. Falls back to `content` when a server ignores `tool_choice`. */
  readOutput(completion: ChatCompletion): { text?: string; refusal?: string } {
    const message = completion.choices[0]?.message;
    if (!message) return {};
    if (message.refusal) return { refusal: message.refusal };
    if (this.mode === 'tool') {
      const call = message.tool_calls?.find((toolCall) => toolCall.type === 'function');
      if (call?.type === 'function') return { text: call.function.arguments };
    }
    return { text: message.content ?? undefined };
  }
}
