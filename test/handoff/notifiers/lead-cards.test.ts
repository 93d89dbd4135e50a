import { describe, expect, it } from 'vitest';
import { describeHandoff } from '../../../src/handoff/notifiers/lead-notification.js';
import { slackLeadBlocks } from '../../../src/channels/slack/sdr/slack-lead-blocks.js';
import { parseTeamsSdrAction, teamsLeadCard } from '../../../src/channels/teams/sdr/teams-lead-card.js';
import type { HandoffRecord } from '../../../src/storage/ports/handoffs.js';

const LABELS = { factsHeading: 'Facts', reasonsHeading: 'Reasons', contact: 'Contact', page: 'Page', openConsole: 'Open in console' };

/** A handoff whose visitor tried to plant links in front of the SDRs. */
function handoff(status: HandoffRecord['status'], extra: Partial<HandoffRecord> = {}): HandoffRecord {
  const now = new Date().toISOString();
  return {
    id: 'h-1',
    conversationId: 'c-1',
    leadId: 'l-1',
    status,
    reason: 'ambiguous',
    score: 55,
    tier: 'warm',
    createdAt: now,
    updatedAt: now,
    packet: {
      locale: 'fr',
      summary: 'challenge: clear problem',
      contact: { email: 'anna@example.com' },
      facts: [
        { dimension: 'challenge', dimensionDescription: '', value: 'clear_problem', evidence: 'See [my site](https://evil.example) <https://evil.example|here>', confidence: 0.8, source: 'rules', turn: 1 },
      ],
      reasons: [{ rule: 'challenge:clear_problem', dimension: 'challenge', points: 25, detail: 'clear problem' }],
    },
    ...extra,
  };
}

describe('lead cards', () => {
  it('shows the visitor’s words without letting them become links (Teams)', () => {
    const card = teamsLeadCard(describeHandoff(handoff('queued'), 'en'), LABELS).content as { body: Array<{ facts?: Array<{ title: string; value: string }> }> };
    const challenge = card.body.flatMap((item) => item.facts ?? []).find((fact) => fact.title === 'challenge')!;
    expect(challenge.value).toContain('clear problem (80 %)');
    expect(challenge.value).toContain('my site');
    expect(challenge.value).not.toMatch(/\]\(|<https/);
  });

  it('shows the visitor’s words without letting them become links (Slack)', () => {
    const blocks = slackLeadBlocks(describeHandoff(handoff('queued'), 'en'), LABELS) as Array<{ fields?: Array<{ text: string }> }>;
    const field = blocks.flatMap((block) => block.fields ?? []).find((item) => item.text.startsWith('*challenge*'))!;
    expect(field.text).toContain('&lt;https://evil.example|here&gt;');
    expect(field.text).not.toMatch(/<https/);
  });

  it('offers what the status allows, in the SDRs’ language', () => {
    expect(describeHandoff(handoff('expired'), 'fr').buttons.map((button) => button.label)).toEqual(['Prendre en charge']);
    expect(describeHandoff(handoff('closed', { sdrName: 'Marie', outcome: 'rejected' }), 'fr')).toMatchObject({ title: 'Clôturé par Marie : Refusé', buttons: [] });
    expect(describeHandoff(handoff('live', { sdrName: 'Marie' }), 'en', 'https://bot.example/').consoleUrl).toBe('https://bot.example/sdr#h-1');
  });

  it('shows the meeting a visitor booked in the chat, on the SDRs’ clock, in Teams and Slack', () => {
    const booked = handoff('closed', { outcome: 'meeting_booked', endReason: 'meeting-booked' });
    const meeting = { start: '2026-03-30T07:00:00.000Z', end: '2026-03-30T07:30:00.000Z', calendar: 'Paul — Sales', provider: 'caldav', eventId: 'x', attendee: 'sam@x.example', visitorTimeZone: 'America/New_York', teamTimeZone: 'Europe/Paris', bookedAt: '' };
    booked.packet = { ...(booked.packet as object), meeting };
    expect(describeHandoff(booked, 'fr').title).toBe('RDV réservé dans le chat : lundi 30 mars à 09h00 (Europe/Paris) avec Paul — Sales');
    const english = describeHandoff(booked, 'en');
    expect(english.title).toBe('Meeting booked in the chat: Monday, March 30, 9:00 AM (Europe/Paris) with Paul — Sales');
    expect(JSON.stringify(teamsLeadCard(english, LABELS))).toContain('Meeting booked in the chat: Monday, March 30');
    expect(JSON.stringify(slackLeadBlocks(english, LABELS))).toContain('Meeting booked in the chat: Monday, March 30');
  });

  it('reads back only well-formed card actions', () => {
    expect(parseTeamsSdrAction({ qualibotAction: 'close', outcome: 'meeting_booked', handoffId: 'h-1' })).toEqual({ handoffId: 'h-1', action: { kind: 'close', outcome: 'meeting_booked' } });
    expect(parseTeamsSdrAction({ qualibotAction: 'close', outcome: 'won', handoffId: 'h-1' })).toBeUndefined();
    expect(parseTeamsSdrAction({ qualibotAction: 'claim' })).toBeUndefined();
    expect(parseTeamsSdrAction({ msteams: { type: 'imBack', value: 'Je décide' } })).toBeUndefined();
  });
});
