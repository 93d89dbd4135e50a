import type { Attachment } from '../../activity.js';
import { adaptiveCard } from '../../protocol.js';
import type { LeadCardLabels, LeadNotification, SdrAction } from '../../../handoff/notifiers/lead-notification.js';
import { isCloseOutcome } from '../../../handoff/notifiers/lead-notification.js';

/** The data of a card button: `qualibotAction` names what the SDR asks for. */
export interface TeamsSdrActionData {
  qualibotAction: SdrAction['kind'];
  handoffId: string;
  outcome?: string;
  /** Filled by Teams from the card's reason picker (Input.ChoiceSet `rejectionReason`) on submit. */
  rejectionReason?: string;
}

/**
 * The lead card for the SDR channel: headline, score, summary, contact, facts with the visitor's
 * words, the score rule by rule, and the buttons the handoff's status allows (Action.Submit, which
 * works in every Teams client without Universal Actions set up) plus "Open in console".
 */
export function teamsLeadCard(view: LeadNotification, texts: LeadCardLabels): Attachment {
  const details = [
    ...(view.contact ? [{ title: texts.contact, value: plain(view.contact) }] : []),
    ...(view.page ? [{ title: texts.page, value: plain(view.page) }] : []),
  ];
  const body: unknown[] = [
    { type: 'TextBlock', text: plain(view.title), weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: plain(view.scoreLine), isSubtle: true, spacing: 'None', wrap: true },
    ...(view.summary ? [{ type: 'TextBlock', text: plain(view.summary), wrap: true }] : []),
    ...(details.length ? [{ type: 'FactSet', facts: details }] : []),
  ];
  if (view.facts.length) {
    body.push({ type: 'TextBlock', text: texts.factsHeading, weight: 'Bolder', separator: true, wrap: true });
    body.push({
      type: 'FactSet',
      facts: view.facts.map((fact) => ({ title: plain(fact.title), value: fact.evidence ? `${plain(fact.value)} — “${plain(fact.evidence)}”` : plain(fact.value) })),
    });
  }
  if (view.reasons.length) {
    body.push({ type: 'TextBlock', text: texts.reasonsHeading, weight: 'Bolder', separator: true, wrap: true });
    body.push({ type: 'FactSet', facts: view.reasons.map((reason) => ({ title: reason.points, value: plain(reason.text) })) });
  }
  if (view.reject) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'rejectionReason',
      label: view.reject.label,
      style: 'compact',
      isRequired: false,
      choices: view.reject.options.map((option) => ({ title: option.label, value: option.id })),
    });
  }
  if (texts.hint && view.status === 'live') body.push({ type: 'TextBlock', text: texts.hint, isSubtle: true, wrap: true, separator: true });
  const actions: unknown[] = view.buttons.map((button) => ({
    type: 'Action.Submit',
    title: button.label,
    ...(button.primary ? { style: 'positive' } : {}),
    data: actionData(view.handoffId, button.action),
  }));
  if (view.reject) actions.push({ type: 'Action.Submit', title: view.reject.submit, style: 'destructive', data: actionData(view.handoffId, { kind: 'close', outcome: 'rejected' }) });
  if (view.consoleUrl) actions.push({ type: 'Action.OpenUrl', title: texts.openConsole, url: view.consoleUrl });
  return adaptiveCard({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.4', body, actions });
}

export function actionData(handoffId: string, action: SdrAction): TeamsSdrActionData {
  return { qualibotAction: action.kind, handoffId, ...(action.kind === 'close' ? { outcome: action.outcome } : {}) };
}

/** The action a card submit (or an Action.Execute invoke's `action.data`) carries, if it is one of ours. */
export function parseTeamsSdrAction(value: unknown): { handoffId: string; action: SdrAction } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const data = value as Partial<Record<keyof TeamsSdrActionData, unknown>>;
  if (typeof data.handoffId !== 'string' || !data.handoffId) return undefined;
  if (data.qualibotAction === 'claim' || data.qualibotAction === 'release') return { handoffId: data.handoffId, action: { kind: data.qualibotAction } };
  if (data.qualibotAction === 'close' && isCloseOutcome(data.outcome)) {
    const reason = data.outcome === 'rejected' && typeof data.rejectionReason === 'string' && data.rejectionReason ? { rejectionReason: data.rejectionReason } : {};
    return { handoffId: data.handoffId, action: { kind: 'close', outcome: data.outcome, ...reason } };
  }
  return undefined;
}

/**
 * Visitor (and scorer) text shown in a card or a Teams message: one line per paragraph kept, and
 * Markdown links defused, so a visitor cannot put a clickable link in front of the SDRs.
 */
export function plain(text: string): string {
  return text.replace(/\]\s*\(/g, ']\u200B(').replace(/<\/?[a-z][^>]*>/gi, '');
}
