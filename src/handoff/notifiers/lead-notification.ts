import type { Locale } from '../../qualification/types.js';
import type { HandoffRecord, HandoffStatus } from '../../storage/ports/handoffs.js';
import { contactLabel } from '../contact-capture.js';
import { CLOSE_OUTCOMES, type CloseOutcome } from '../handoff-state-machine.js';
import { asLeadPacket, type LeadPacket, type PacketFact } from '../lead-packet.js';
import type { RejectionReason } from '../../feedback/rejection-reasons.js';
import type { TextKey } from '../../i18n/catalogue.js';
import { translate } from '../../i18n/translate.js';
import { formatSlot } from '../../booking/slots.js';

/** What a card button asks for; travels in the card's data (Teams) or the button's action (Slack). */
export type SdrAction = { kind: 'claim' } | { kind: 'release' } | { kind: 'close'; outcome: CloseOutcome; rejectionReason?: string };

/** A rejection reason as a card offers it. */
export interface RejectOption {
  id: string;
  label: string;
}

export interface SdrButton {
  action: SdrAction;
  label: string;
  /** The main action of the card (Claim). */
  primary?: boolean;
}

/** One fact as the card shows it: the level, and the visitor's own words as evidence. */
export interface NotificationFact {
  title: string;
  value: string;
  evidence?: string;
}

/**
 * A lead card, platform-neutral: Teams renders it as an Adaptive Card, Slack as Block Kit.
 * Visitor words are raw text here; each renderer escapes them for its own markup.
 */
export interface LeadNotification {
  handoffId: string;
  status: HandoffStatus;
  title: string;
  scoreLine: string;
  summary: string;
  contact?: string;
  page?: string;
  facts: NotificationFact[];
  reasons: Array<{ points: string; text: string }>;
  buttons: SdrButton[];
  /** Live handoffs: rejecting goes through this list of the playbook's reasons (label of the picker, options). */
  reject?: { label: string; submit: string; options: RejectOption[] };
  consoleUrl?: string;
  /** One line for notifications and clients that cannot show cards. */
  fallback: string;
}

/** The headings and labels a lead card shows around the handoff's own content (same on Teams and Slack). */
export interface LeadCardLabels {
  factsHeading: string;
  reasonsHeading: string;
  contact: string;
  page: string;
  openConsole: string;
  hint?: string;
}

export function leadCardLabels(locale: Locale): Required<LeadCardLabels> {
  return {
    factsHeading: translate('sdr.factsHeading', locale),
    reasonsHeading: translate('sdr.reasonsHeading', locale),
    contact: translate('sdr.contactLabel', locale),
    page: translate('sdr.pageLabel', locale),
    openConsole: translate('sdr.openConsole', locale),
    hint: translate('sdr.replyHint', locale),
  };
}

export const OUTCOME_TEXT_KEYS: Record<CloseOutcome, TextKey> = {
  accepted: 'sdr.outcomeAccepted',
  rejected: 'sdr.outcomeRejected',
  meeting_booked: 'sdr.outcomeMeetingBooked',
};

/** The lead card of a handoff in its current state. `publicUrl` adds the "Open in console" link. */
export function describeHandoff(handoff: HandoffRecord, locale: Locale, publicUrl?: string, reasons: readonly RejectionReason[] = []): LeadNotification {
  const packet = asLeadPacket(handoff.packet);
  const sdr = handoff.sdrName ?? '?';
  const score = handoff.score;
  const reason = translate(handoff.reason === 'ambiguous' ? 'sdr.reasonAmbiguous' : 'sdr.reasonHighScore', locale);
  const outcome = isCloseOutcome(handoff.outcome) ? translate(OUTCOME_TEXT_KEYS[handoff.outcome], locale) : (handoff.outcome ?? '');
  const titles: Record<HandoffStatus, string> = {
    queued: translate('sdr.queuedTitle', locale, { score }),
    expired: translate('sdr.callbackTitle', locale, { score }),
    live: translate('sdr.liveTitle', locale, { sdr }),
    released: translate('sdr.releasedTitle', locale, { sdr }),
    closed: translate('sdr.closedTitle', locale, { sdr, outcome }),
  };
  const summary = packet.summary ?? '';
  const meeting = packet.meeting;
  const title = handoff.status === 'closed' && meeting ? translate('sdr.meetingBookedTitle', locale, { when: `${formatSlot(new Date(meeting.start), meeting.teamTimeZone, locale)} (${meeting.teamTimeZone})`, sdr: meeting.calendar }) : titles[handoff.status];
  return {
    handoffId: handoff.id,
    status: handoff.status,
    title,
    scoreLine: translate('sdr.scoreLine', locale, { score, reason, locale: (packet.locale ?? 'fr').toUpperCase() }),
    summary,
    contact: [contactLabel(packet.contact), lookedUp(packet, locale)].filter(Boolean).join(' · ') || undefined,
    page: typeof packet.pageContext?.pageUrl === 'string' ? packet.pageContext.pageUrl : undefined,
    facts: (packet.facts ?? []).map(describeFact),
    reasons: (packet.reasons ?? []).map((item) => ({ points: item.points > 0 ? `+${item.points}` : String(item.points), text: `${item.dimension ?? item.rule}: ${item.detail}` })),
    buttons: buttonsFor(handoff.status, locale, reasons.length > 0),
    ...(handoff.status === 'live' && reasons.length
      ? { reject: { label: translate('sdr.rejectBecause', locale), submit: translate('sdr.reject', locale), options: reasons.map((reason) => ({ id: reason.id, label: reason.label[locale] })) } }
      : {}),
    consoleUrl: publicUrl ? `${publicUrl.replace(/\/+$/, '')}/sdr#${encodeURIComponent(handoff.id)}` : undefined,
    fallback: summary ? `${title} · ${summary}` : title,
  };
}

/** What was looked up about the company (#19), in one line beside the contact. */
function lookedUp(packet: Partial<LeadPacket>, locale: Locale): string | undefined {
  const found = packet.enrichment;
  if (!found || found.status !== 'done') return undefined;
  if (found.disposable) return translate('sdr.lookedUpDisposable', locale);
  if (found.freeMail) return translate('sdr.lookedUpFreeMail', locale);
  const company = found.company;
  if (!company) return undefined;
  const details = [company.name ?? found.domain, company.employees !== undefined ? translate('sdr.lookedUpEmployees', locale, { count: company.employees }) : undefined, company.sector].filter(Boolean).join(', ');
  const owner = packet.accountOwner ? (packet.accountOwner.sdr?.name ?? packet.accountOwner.email) : company.ownerEmail;
  return [translate('sdr.lookedUpCompany', locale, { company: details }), company.existingCustomer ? translate('sdr.lookedUpCustomer', locale, { owner: owner ?? '?' }) : undefined].filter(Boolean).join(' — ');
}

function describeFact(fact: PacketFact): NotificationFact {
  const details = [
    fact.headcount !== undefined ? `${fact.headcount}` : undefined,
    fact.sector,
    fact.amount ? `${fact.amount.value} ${fact.amount.currency}/${fact.amount.period}` : undefined,
    fact.months !== undefined ? `${fact.months} m` : undefined,
    `${Math.round(fact.confidence * 100)} %`,
    fact.uncertain ? '?' : undefined,
  ].filter(Boolean);
  const level = fact.levelDescription ?? fact.value.replace(/_/g, ' ');
  return { title: fact.dimension, value: `${level} (${details.join(', ')})`, ...(fact.evidence ? { evidence: fact.evidence } : {}) };
}

/** What can still be done: claim a waiting lead or a callback task; release or close a live one. */
function buttonsFor(status: HandoffStatus, locale: Locale, rejectWithReason: boolean): SdrButton[] {
  if (status === 'queued' || status === 'expired') return [{ action: { kind: 'claim' }, label: translate('sdr.claim', locale), primary: true }];
  if (status !== 'live') return [];
  // With reasons to pick from, rejecting is the reason picker, not a button.
  const closes: CloseOutcome[] = rejectWithReason ? ['meeting_booked', 'accepted'] : ['meeting_booked', 'accepted', 'rejected'];
  return [
    { action: { kind: 'release' }, label: translate('sdr.release', locale) },
    ...closes.map((outcome) => ({ action: { kind: 'close', outcome } as SdrAction, label: translate('sdr.closeAs', locale, { outcome: translate(OUTCOME_TEXT_KEYS[outcome], locale) }) })),
  ];
}

export function isCloseOutcome(value: unknown): value is CloseOutcome {
  return (CLOSE_OUTCOMES as readonly unknown[]).includes(value);
}
