import { setTimeout as sleep } from 'node:timers/promises';
import { translate } from '../../../src/i18n/translate.js';
import { LOCALES } from '../../../src/qualification/types.js';
import type { LabelledCase } from '../../../src/replay/labelled-case.js';
import { answererFor } from '../widget-visitor.js';
import type { SoakLedger } from './ledger.js';
import type { BotMessage, VisitorLine } from './visitor-lines.js';

export interface VisitorPlan {
  labelled: LabelledCase;
  /** Typing time before each message. */
  thinkMs: () => number;
  /** The visitor closes the chat as soon as the handoff is announced (their channel is then gone). */
  leavesAtHandoff: boolean;
  assignmentTimeoutMs: number;
  lateAllowanceMs: number;
}

/** A reply slower than this is counted as never received. */
export const REPLY_TIMEOUT_MS = 60_000;
/** After a reply, the turn is over when the bot asks again, announces the route, or stays quiet this long. */
const QUIET_MS = 1500;

const TIMED_OUT = new Set(LOCALES.map((locale) => translate('handoff.timedOut', locale)));
/** The words after the SDR's name in "{sdr} has closed…", in every language. */
const CLOSED_BY_SDR = LOCALES.map((locale) => translate('handoff.closedBySdr', locale, { sdr: '' }).slice(0, 11));
const SDR_TOKEN = /\[(sdr-\d+)\]/;
const CALLBACK_ANSWER: Record<string, string> = {
  fr: 'Rappelez-moi demain à 10h au 06 12 34 56 78.',
  en: 'Call me back tomorrow at 10am on +44 20 7946 0958.',
};

/**
 * One visitor from greeting to goodbye: answers each question like a labelled case, and when handed
 * off waits for an SDR (reads their messages) or for the no-SDR notice (then leaves a callback).
 * Every message it sends and everything it is owed goes into the ledger.
 */
export async function runSoakVisitor(line: VisitorLine, plan: VisitorPlan, ledger: SoakLedger): Promise<void> {
  let askSeq = 0;
  let ask: string | undefined;
  let route: string | undefined;
  let lastBotAt = 0;
  let closedBySdr = false;
  let timedOut = false;
  let pending: { repliedAt?: number } | undefined;
  let wake: (() => void) | undefined;
  line.onMessage = (message: BotMessage) => {
    const now = Date.now();
    lastBotAt = now;
    if (pending && pending.repliedAt === undefined) pending.repliedAt = now;
    if (message.ask) {
      ask = message.ask;
      askSeq += 1;
    }
    if (message.route) route = message.route;
    const token = SDR_TOKEN.exec(message.text)?.[1];
    if (message.fromSdr && token) ledger.sdrReceived(token);
    if (TIMED_OUT.has(message.text)) {
      timedOut = true;
      ledger.noSdrNotice(line.conversationId);
    }
    if (CLOSED_BY_SDR.some((fragment) => message.text.includes(fragment))) closedBySdr = true;
    wake?.();
  };
  const until = async (done: () => boolean, timeoutMs: number): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() >= deadline || !line.alive) return done();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(500, deadline - Date.now()));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return true;
  };
  const say = async (text: string): Promise<boolean> => {
    const message = ledger.visitorSent(line.door, line.conversationId);
    pending = message;
    try {
      await line.send(text);
    } catch (error) {
      ledger.error((error as Error).message);
      return false;
    }
    return until(() => message.repliedAt !== undefined, REPLY_TIMEOUT_MS);
  };

  const locale = (plan.labelled.locale ?? 'fr-FR').slice(0, 2) === 'en' ? 'en' : 'fr';
  try {
    ledger.conversationStarted(line.door);
    await line.open();
    if (!(await until(() => ask !== undefined || route !== undefined, REPLY_TIMEOUT_MS))) {
      ledger.error(`${line.door}: no greeting`);
      return;
    }
    const answer = answererFor(plan.labelled);
    while (route === undefined && line.alive) {
      const text = answer(ask);
      if (text === undefined) return; // the visitor leaves half-way, as labelled
      await sleep(plan.thinkMs());
      if (!line.alive) return;
      const before = askSeq;
      if (!(await say(text))) return;
      await until(() => askSeq > before || route !== undefined || Date.now() - lastBotAt > QUIET_MS, REPLY_TIMEOUT_MS);
      if (askSeq === before && route === undefined) return; // nothing more to ask
    }
    if (route !== 'handoff') return;
    ledger.handoffAnnounced(line.conversationId, line.door);
    if (plan.leavesAtHandoff) {
      ledger.leftAtHandoff += 1;
      return;
    }
    // Wait for an SDR or the no-SDR notice; a claimed conversation waits for the SDR to close it.
    const noticeBy = plan.assignmentTimeoutMs + plan.lateAllowanceMs + 20_000;
    await until(() => timedOut || closedBySdr || ledger.handoffs.get(line.conversationId)!.claimed, noticeBy);
    if (ledger.handoffs.get(line.conversationId)!.claimed) {
      await until(() => closedBySdr, 120_000);
      return;
    }
    if (!timedOut) {
      if (line.alive) ledger.noticeMissing(line.conversationId);
      return;
    }
    await sleep(plan.thinkMs());
    if (line.alive) await say(CALLBACK_ANSWER[locale]!);
  } catch (error) {
    ledger.error(`${line.door}: ${(error as Error).message}`);
  } finally {
    ledger.channelGone(line.conversationId);
    line.close();
  }
}
