import type { HandoffRecord } from '../../storage/ports/handoffs.js';
import type { LeadPacket } from '../lead-packet.js';

/**
 * Port: somewhere outside the SDR console where SDRs follow handoffs (a Teams or a Slack channel).
 * The `NotifierDispatcher` calls it from the handoff bus events, once per event across all
 * instances; an error thrown here is logged and never reaches the visitor or the SDR action.
 * The SDR console is the other "notifier": it reads the same events through the SSE hub.
 */
export interface HandoffNotifier {
  /** Short stable id (`teams`, `slack`): part of the once-only keys, so never rename it. */
  readonly name: string;
  /** A handoff entered the queue (or became a callback task without having been announced): post the lead card. */
  onQueued(handoff: HandoffRecord, packet: LeadPacket): Promise<void>;
  /** Claimed, released, closed, expired or updated: show the handoff's current state (idempotent). */
  onChanged(handoff: HandoffRecord): Promise<void>;
  /** What the visitor wrote while the handoff is waiting or live. */
  onVisitorMessage(handoff: HandoffRecord, text: string): Promise<void>;
  /** A message the holder (`handoff.sdrId`) sent to the visitor, signed `sdrName`. */
  onSdrMessage(handoff: HandoffRecord, sdrName: string, text: string): Promise<void>;
}
