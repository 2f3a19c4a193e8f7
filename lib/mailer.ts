import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  /** Deterministic, so that a resend after a crash is recognisably the same message. */
  messageId: string;
  ics?: { filename: string; content: string };
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
  /** Where mail goes, for log lines: the SMTP host or the outbox folder. */
  describe(): string;
}

export type MailerOptions =
  { kind: 'smtp'; url: string; from: string } | { kind: 'outbox'; dir: string; from: string };

/**
 * One mailer per process, built at start and injected. SMTP when SMTP_URL is set; otherwise every
 * message is written as an .eml file to the outbox folder (the embedded default of `npm start`).
 */
export function createMailer(options: MailerOptions): Mailer {
  if (options.kind === 'smtp') {
    const transport = nodemailer.createTransport({
      url: options.url,
      // Fail fast: the activity's retry policy, not a long socket wait, rides out an outage.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return {
      async send(mail) {
        await transport.sendMail(toMessage(options.from, mail));
      },
      close: () => transport.close(),
      describe: () => `SMTP ${redact(options.url)}`,
    };
  }
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    async send(mail) {
      const info = await transport.sendMail(toMessage(options.from, mail));
      await mkdir(options.dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const name = `${stamp}-${mail.messageId.replace(/[^\w.-]/g, '')}.eml`;
      await writeFile(path.join(options.dir, name), info.message as Buffer);
    },
    close: () => transport.close(),
    describe: () => `outbox ${options.dir}`,
  };
}

function toMessage(from: string, mail: OutgoingMail) {
  return {
    from,
    to: mail.to,
    cc: mail.cc.length > 0 ? mail.cc : undefined,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    icalEvent: mail.ics
      ? { filename: mail.ics.filename, method: 'PUBLISH', content: mail.ics.content }
      : undefined,
  };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable SMTP_URL)';
  }
}
