import type { Activity } from '../activity.js';
import { z } from 'zod';

/** Error codes a widget client may receive; the browser shows a localized text per code. */
export type WidgetErrorCode = 'rate_limited' | 'message_too_large' | 'conversation_full' | 'invalid_frame' | 'unsupported_activity' | 'internal_error';

/** What the server sends on the socket (JSON text frames). */
export type ServerFrame =
  /** `watermark` is the activity's sequence number; absent for activities that are not stored (typing). */
  | { type: 'activity'; watermark?: number; activity: Partial<Activity> }
  /** Sent once the missed activities have been replayed. */
  | { type: 'ready'; conversationId: string; watermark: number }
  | { type: 'error'; code: WidgetErrorCode; message: string; clientActivityId?: string; retryAfterMs?: number; maxBytes?: number; maxChars?: number };

const clientActivitySchema = z.object({
  type: z.string().max(40),
  text: z.string().optional(),
  textFormat: z.enum(['markdown', 'plain', 'xml']).optional(),
  value: z.unknown().optional(),
  name: z.string().max(200).optional(),
  locale: z.string().max(20).optional(),
  localTimestamp: z.string().max(40).optional(),
  localTimezone: z.string().max(80).optional(),
  // Only the fields Web Chat needs echoed back; anything else a client puts here is dropped.
  channelData: z
    .object({
      clientActivityID: z.string().max(100).optional(),
      postBack: z.boolean().optional(),
      messageBack: z.object({ displayText: z.string().max(2000).optional() }).optional(),
    })
    .optional(),
});

/** An activity as the browser may send it: ids, sender and conversation are set by the server. */
export type ClientActivity = z.infer<typeof clientActivitySchema>;

const clientFrameSchema = z.object({ type: z.literal('activity'), activity: clientActivitySchema });

export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** Parses one text frame from the browser; undefined when it is not a frame we understand. */
export function parseClientFrame(text: string): ClientFrame | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = clientFrameSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Best effort: the client id of a frame we refuse, so the browser can mark that very message as failed. */
export function peekClientActivityId(text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as { activity?: { channelData?: { clientActivityID?: unknown } } }).activity?.channelData?.clientActivityID;
    return typeof id === 'string' ? id.slice(0, 100) : undefined;
  } catch {
    return undefined;
  }
}
