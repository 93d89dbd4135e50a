import type { Locale } from '../qualification/types.js';
import type { TranscriptEntry } from '../storage/ports/transcripts.js';
import { translate } from '../i18n/translate.js';

/**
 * The transcript e-mail in the visitor's language: the conversation as the visitor saw it (their words, the
 * assistant's, the SDR's under their name), plain text. Nothing the visitor did not see: no internal note, no score.
 */
export function transcriptMail(locale: Locale, title: string, lines: readonly TranscriptEntry[]): { subject: string; text: string } {
  const time = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' });
  const speaker = (line: TranscriptEntry) =>
    line.from === 'visitor' ? translate('mail.you', locale) : line.from === 'sdr' ? line.author ?? translate('mail.team', locale) : title;
  const body = lines.map((line) => `[${time.format(new Date(line.at))} UTC] ${speaker(line)}\n${plain(line.text)}`).join('\n\n');
  return {
    subject: translate('mail.subject', locale, { title }),
    text: `${translate('mail.intro', locale, { title })}\n\n${body}\n\n-- \n${translate('mail.footer', locale)}\n`,
  };
}

/** Markdown links and emphasis as plain text (the mail is plain text). */
function plain(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .trim();
}
