import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra header fields (Auto-Submitted, List-Unsubscribe, ...). */
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
}

/** Sends one email. The worker depends on this, not on nodemailer, so the choice stays here. */
export abstract class MailSender {
  abstract send(mail: OutgoingMail): Promise<SentMail>;
  abstract close(): void;
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super('SMTP_URL is not set: no mail server to send through');
  }
}

/**
 * nodemailer over SMTP from a URL (smtp://user:pass@host:port, smtps:// for TLS). Without a
 * URL every send fails with MailNotConfiguredError: a reminder is never reported as sent
 * when no server took it.
 */
export class SmtpMailSender extends MailSender {
  private readonly transport: Transporter | null;

  constructor(
    smtpUrl: string | undefined,
    private readonly from: string,
  ) {
    super();
    this.transport = smtpUrl ? nodemailer.createTransport(smtpOptions(smtpUrl)) : null;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    if (!this.transport) throw new MailNotConfiguredError();
    const info = await this.transport.sendMail({ from: this.from, ...mail });
    return { messageId: info.messageId };
  }

  close(): void {
    this.transport?.close();
  }
}

function smtpOptions(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // A small pool: a burst of digests at 09:00 reuses connections instead of opening one each.
    pool: true,
    maxConnections: 4,
    // Short timeouts: a dead server must fail this attempt (and go to backoff) quickly.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}
