import type { Transporter } from 'nodemailer';
import type { Locale } from '../qualification/types.js';
import type { TranscriptEntry } from '../storage/ports/transcripts.js';
import type { MailConfig } from './mail-config.js';
import { createSmtpTransport } from './smtp-transport.js';
import { transcriptMail } from './transcript-mail.js';

/** Sends a conversation's transcript to the visitor who asked for it. */
export interface TranscriptMailer {
  send(input: { to: string; locale: Locale; title: string; lines: readonly TranscriptEntry[] }): Promise<void>;
}

/** Why a mail did not go: the address was refused by the server, or the server could not be used. */
export class MailRefusedError extends Error {
  constructor(
    readonly kind: 'address_refused' | 'unavailable',
    cause: unknown,
  ) {
    super(kind === 'address_refused' ? 'The mail server refused the address' : 'The mail server could not be reached', { cause });
  }
}

/** The transcript by e-mail through an SMTP server (nodemailer). */
export class SmtpTranscriptMailer implements TranscriptMailer {
  private readonly transport: Transporter;

  constructor(private readonly config: MailConfig) {
    this.transport = createSmtpTransport(config);
  }

  async send(input: { to: string; locale: Locale; title: string; lines: readonly TranscriptEntry[] }): Promise<void> {
    const mail = transcriptMail(input.locale, input.title, input.lines);
    try {
      await this.transport.sendMail({ from: this.config.from, to: input.to, subject: mail.subject, text: mail.text });
    } catch (error) {
      // A 5xx answer to the recipient (550 no such user, 553 bad address) is the visitor's address, not our server.
      const code = (error as { responseCode?: number; command?: string }).responseCode;
      const command = (error as { command?: string }).command;
      throw new MailRefusedError(code !== undefined && code >= 500 && command === 'RCPT TO' ? 'address_refused' : 'unavailable', error);
    }
  }

  close(): void {
    this.transport.close();
  }
}
