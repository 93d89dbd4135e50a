import { describe, expect, it } from 'vitest';
import {
  END_REASONS,
  TERMINAL_STATUSES,
  canApply,
  isAssignmentOverdue,
  nextStatus,
  planTransition,
  type HandoffEventType,
} from '../../src/handoff/handoff-state-machine.js';
import { HANDOFF_STATUSES, type HandoffStatus } from '../../src/storage/ports/handoffs.js';
import { openSqliteDatabase } from '../../src/storage/sqlite/open-sqlite.js';

const marie = { id: 'sdr-marie', name: 'Marie — Sales' };
const paul = { id: 'sdr-paul', name: 'Paul — Sales' };
const at = new Date('2026-11-26T10:00:00.000Z');

/** The whole table: every status × every event, undefined = refused. */
const EXPECTED: Record<HandoffStatus, Record<HandoffEventType, HandoffStatus | undefined>> = {
  queued: { claim: 'live', release: undefined, close: 'closed', expire: 'expired', 'give-up': undefined, book: 'closed' },
  live: { claim: undefined, release: 'released', close: 'closed', expire: undefined, 'give-up': undefined, book: undefined },
  expired: { claim: 'live', release: undefined, close: 'closed', expire: undefined, 'give-up': 'closed', book: 'closed' },
  released: { claim: undefined, release: undefined, close: undefined, expire: undefined, 'give-up': undefined, book: undefined },
  closed: { claim: undefined, release: undefined, close: undefined, expire: undefined, 'give-up': undefined, book: undefined },
};

describe('handoff state machine', () => {
  for (const status of HANDOFF_STATUSES) {
    for (const event of ['claim', 'release', 'close', 'expire', 'give-up'] as const) {
      const expected = EXPECTED[status][event];
      it(`${status} --${event}--> ${expected ?? 'refused'}`, () => {
        expect(nextStatus(status, event)).toBe(expected);
        expect(canApply(status, event)).toBe(expected !== undefined);
      });
    }
  }

  it('leaves no event out of a terminal status', () => {
    expect(TERMINAL_STATUSES).toEqual(['released', 'closed']);
    for (const status of TERMINAL_STATUSES) {
      for (const event of ['claim', 'release', 'close', 'expire', 'give-up'] as const) expect(canApply(status, event)).toBe(false);
    }
  });

  it('plans a claim as a compare-and-set that records the SDR', () => {
    expect(planTransition({ type: 'claim', sdr: marie, at })).toEqual({
      from: ['queued', 'expired'],
      to: 'live',
      patch: { sdrId: marie.id, sdrName: marie.name, claimedAt: at.toISOString() },
    });
  });

  it('plans release, close and expiry with their end reasons', () => {
    expect(planTransition({ type: 'release', at })).toMatchObject({ from: ['live'], to: 'released', patch: { endReason: END_REASONS.releasedToBot, closedAt: at.toISOString() } });
    expect(planTransition({ type: 'close', outcome: 'meeting_booked', reason: 'demo Tuesday', sdr: marie, at })).toMatchObject({
      to: 'closed',
      patch: { outcome: 'meeting_booked', outcomeReason: 'demo Tuesday', endReason: END_REASONS.sdrClosed, closedAt: at.toISOString(), sdrId: marie.id },
    });
    expect(planTransition({ type: 'give-up', at })).toEqual({ from: ['expired'], to: 'closed', patch: { endReason: END_REASONS.visitorUnreachable, closedAt: at.toISOString() } });
    expect(planTransition({ type: 'expire', cause: END_REASONS.assignmentTimeout, at })).toEqual({
      from: ['queued'],
      to: 'expired',
      patch: { endReason: 'assignment-timeout' },
    });
    expect(planTransition({ type: 'expire', cause: END_REASONS.visitorLeft, at }).patch?.endReason).toBe('visitor-left');
  });

  it('exposes the end reasons as constants', () => {
    expect(Object.values(END_REASONS).sort()).toEqual(['assignment-timeout', 'meeting-booked', 'outside-business-hours', 'released-to-bot', 'sdr-closed', 'visitor-left', 'visitor-unreachable']);
  });

  it('says a queued handoff is overdue from its createdAt, at the timeout and not before', () => {
    const created = { status: 'queued' as const, createdAt: '2026-11-26T10:00:00.000Z' };
    expect(isAssignmentOverdue(created, new Date('2026-11-26T10:01:59.999Z'), 120_000)).toBe(false);
    expect(isAssignmentOverdue(created, new Date('2026-11-26T10:02:00.000Z'), 120_000)).toBe(true);
    expect(isAssignmentOverdue({ ...created, status: 'live' }, new Date('2026-11-26T11:00:00.000Z'), 120_000)).toBe(false);
    expect(isAssignmentOverdue({ ...created, status: 'expired' }, new Date('2026-11-26T11:00:00.000Z'), 120_000)).toBe(false);
  });
});

describe('handoff transitions on the real repository', () => {
  const open = () => openSqliteDatabase({ filename: ':memory:' });
  const input = { id: 'h1', conversationId: 'c1', leadId: 'l1', reason: 'high_score' as const, score: 90, tier: 'hot' as const, packet: {} };

  it('lets exactly one of two concurrent claims win', async () => {
    const db = open();
    await db.handoffs.create(input);
    const results = await Promise.all([
      db.handoffs.transition('h1', planTransition({ type: 'claim', sdr: marie, at })),
      db.handoffs.transition('h1', planTransition({ type: 'claim', sdr: paul, at })),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await db.handoffs.get('h1');
    expect(stored?.status).toBe('live');
    expect([marie.id, paul.id]).toContain(stored?.sdrId);
    expect(stored?.sdrId).toBe(results.find(Boolean)?.sdrId);
    await db.close();
  });

  it('refuses a claim after the timeout expired it… then lets an SDR take the callback task', async () => {
    const db = open();
    await db.handoffs.create(input);
    expect(await db.handoffs.transition('h1', planTransition({ type: 'expire', cause: END_REASONS.assignmentTimeout, at }))).toMatchObject({ status: 'expired', endReason: 'assignment-timeout' });
    expect(await db.handoffs.transition('h1', planTransition({ type: 'expire', cause: END_REASONS.assignmentTimeout, at }))).toBeUndefined();
    expect(await db.handoffs.transition('h1', planTransition({ type: 'claim', sdr: paul, at }))).toMatchObject({ status: 'live', sdrId: paul.id });
    await db.close();
  });

  it('does not expire a handoff that was claimed first (timeout racing a claim)', async () => {
    const db = open();
    await db.handoffs.create(input);
    await db.handoffs.transition('h1', planTransition({ type: 'claim', sdr: marie, at }));
    expect(await db.handoffs.transition('h1', planTransition({ type: 'expire', cause: END_REASONS.assignmentTimeout, at }))).toBeUndefined();
    expect((await db.handoffs.get('h1'))?.status).toBe('live');
    await db.close();
  });

  it('releases back to the bot once, after which nothing can claim or close it', async () => {
    const db = open();
    await db.handoffs.create(input);
    await db.handoffs.transition('h1', planTransition({ type: 'claim', sdr: marie, at }));
    expect(await db.handoffs.transition('h1', planTransition({ type: 'release', at }))).toMatchObject({ status: 'released', endReason: 'released-to-bot', sdrId: marie.id });
    expect(await db.handoffs.transition('h1', planTransition({ type: 'claim', sdr: paul, at }))).toBeUndefined();
    expect(await db.handoffs.transition('h1', planTransition({ type: 'close', outcome: 'accepted', sdr: marie, at }))).toBeUndefined();
    expect(await db.handoffs.getOpenByConversation('c1')).toBeUndefined();
    await db.close();
  });
});
