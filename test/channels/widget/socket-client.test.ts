import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { SocketClient, activityFrame } from '../../../src/channels/widget/socket-client.js';

/** Just enough of a ws socket to record what would go on the wire. */
function recordingSocket(): { socket: WebSocket; sent: any[] } {
  const sent: any[] = [];
  const socket = { OPEN: 1, readyState: 1, send: (data: string) => sent.push(JSON.parse(data)) } as unknown as WebSocket;
  return { socket, sent };
}

const stored = (seq: number) => ({ seq, activity: { type: 'message', id: `a${seq}`, text: `#${seq}` } });

describe('SocketClient', () => {
  it('holds live frames during the replay, then sends each stored activity once, in order', () => {
    const { socket, sent } = recordingSocket();
    const client = new SocketClient(socket, 2);
    // Published while the history was being read: 5 and 6 live, a typing frame, and 4 again.
    client.push(activityFrame(stored(5)), 5);
    client.push({ type: 'activity', activity: { type: 'typing' } });
    client.push(activityFrame(stored(6)), 6);
    expect(sent).toEqual([]);
    // The history read returned 3..5 (5 overlaps with the held frame).
    client.finishReplay([stored(3), stored(4), stored(5)]);
    expect(sent.map((frame) => frame.watermark ?? frame.activity.type)).toEqual([3, 4, 5, 'typing', 6]);
    client.push(activityFrame(stored(6)), 6); // late duplicate
    client.push(activityFrame(stored(7)), 7);
    expect(sent.map((frame) => frame.watermark ?? frame.activity.type)).toEqual([3, 4, 5, 'typing', 6, 7]);
    expect(client.watermark).toBe(7);
  });

  it('never sends what the client already has (at or below its watermark)', () => {
    const { socket, sent } = recordingSocket();
    const client = new SocketClient(socket, 4);
    client.finishReplay([stored(3), stored(4), stored(5)]);
    expect(sent.map((frame) => frame.watermark)).toEqual([5]);
  });

  it('gives Web Chat the sequence id an activity was first shown with', () => {
    expect(activityFrame(stored(3))).toMatchObject({ watermark: 3, activity: { channelData: { 'webchat:sequence-id': 3 } } });
    const updated = { seq: 9, activity: { type: 'message', id: 'a3', channelData: { 'webchat:sequence-id': 3 } } };
    expect(activityFrame(updated)).toMatchObject({ watermark: 9, activity: { channelData: { 'webchat:sequence-id': 3 } } });
  });
});
