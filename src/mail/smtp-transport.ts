import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from './mail-config.js';

/** The nodemailer transport of the SMTP settings: every mail Qualibot sends to visitors goes through one of these. */
export function createSmtpTransport(config: MailConfig): Transporter {
  return nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  });
}
