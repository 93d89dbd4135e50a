import { randomUUID } from 'node:crypto';
import { BadRequestError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isEmailAddress } from '../mail/mail-config.js';
import { MailRefusedError, type TranscriptMailer } from '../mail/transcript-mailer.js';
import type { Database } from '../storage/ports/database.js';

/** What a visitor may do once the team closed the conversation: rate it, get its transcript by e-mail. */
export interface AfterChat {
  /** True when a mail transport is configured: only then is the transcript offered. */
  readonly transcriptByEmail: boolean;
  rate(conversationId: string, rating: number): Promise<void>;
  /** `title` is the name the chat panel showed the visitor (the mail's subject names it). */
  sendTranscript(conversationId: string, email: string, title?: string): Promise<void>;
}

/** Transcripts one conversation may send: enough for a typo or two, not a relay for someone else's spam. */
const TRANSCRIPTS_PER_CONVERSATION = 3;

export interface AfterChatDeps {
  db: Pick<Database, 'leads' | 'notes' | 'transcripts'>;
  mailer?: TranscriptMailer;
  /** The name the visitor chatted with when the widget gives none (the playbook's), in the mail's subject. */
  title: string;
  logger: Logger;
  now: () => Date;
}

/** Ratings are stored with the lead (shown on its card); the transcript goes to the visitor only, never a note or a score. */
export class AfterChatService implements AfterChat {
  private readonly sent = new Map<string, number>();

  constructor(private readonly deps: AfterChatDeps) {}

  get transcriptByEmail(): boolean {
    return this.deps.mailer !== undefined;
  }

  async rate(conversationId: string, rating: number): Promise<void> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new BadRequestError('rating must be an integer from 1 to 5', 400, 'invalid_rating');
    const lead = await this.deps.db.leads.getByConversation(conversationId);
    if (!lead) throw new BadRequestError('This conversation has nothing to rate yet', 409, 'nothing_to_rate');
    await this.deps.db.notes.rate({ leadId: lead.id, conversationId, rating, ratedAt: this.deps.now().toISOString() });
  }

  async sendTranscript(conversationId: string, email: string, title?: string): Promise<void> {
    const { mailer } = this.deps;
    if (!mailer) throw new BadRequestError('The transcript cannot be sent by e-mail here', 404, 'not_available');
    const address = email.trim();
    if (!isEmailAddress(address)) throw new BadRequestError('This e-mail address is not valid', 400, 'invalid_email');
    const count = this.sent.get(conversationId) ?? 0;
    if (count >= TRANSCRIPTS_PER_CONVERSATION) throw new BadRequestError('The transcript was already sent', 429, 'too_many_transcripts');
    const lines = await this.deps.db.transcripts.list(conversationId);
    if (lines.length === 0) throw new BadRequestError('This conversation has no transcript', 409, 'nothing_to_send');
    const lead = await this.deps.db.leads.getByConversation(conversationId);
    const mailId = randomUUID();
    try {
      await mailer.send({ to: address, locale: lead?.locale ?? 'fr', title: cleanTitle(title) ?? this.deps.title, lines });
    } catch (error) {
      const kind = error instanceof MailRefusedError ? error.kind : 'unavailable';
      this.deps.logger.warn({ err: error, conversationId, mailId, kind }, 'transcript e-mail not sent');
      if (kind === 'address_refused') throw new BadRequestError('The mail server refused this address', 400, 'address_refused');
      throw new BadRequestError('The e-mail could not be sent right now', 503, 'mail_unavailable');
    }
    if (this.sent.size > 10_000) this.sent.clear(); // a bound on memory, not a policy
    this.sent.set(conversationId, count + 1);
    this.deps.logger.info({ conversationId, mailId }, 'transcript e-mailed to the visitor');
  }
}

/** The panel's title as the page set it: one line of text, or nothing. */
function cleanTitle(title: string | undefined): string | undefined {
  const clean = title?.replace(/[\p{Cc}\p{Cf}<>]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return clean || undefined;
}
