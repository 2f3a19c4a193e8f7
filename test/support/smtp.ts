import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './ports.js';

export interface CapturedMail {
  messageId: string;
  subject: string;
  to: string[];
  cc: string[];
  text: string;
  attachments: { filename?: string; contentType: string; content: string }[];
}

export interface SmtpCatcher {
  url: string;
  messages: CapturedMail[];
  /** Close the port: connections are refused, as when the mail server is down. */
  goDown(): Promise<void>;
  /** Listen again on the same port. */
  comeBack(): Promise<void>;
  stop(): Promise<void>;
}

const addresses = (value: unknown): string[] => {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a: { value: { address?: string }[] }) =>
    a.value.map((v) => v.address ?? ''),
  );
};

/** A real SMTP listener on localhost that keeps every message it receives, parsed. */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const port = await freePort();
  const messages: CapturedMail[] = [];
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            messages.push({
              messageId: mail.messageId ?? '',
              subject: mail.subject ?? '',
              to: addresses(mail.to),
              cc: addresses(mail.cc),
              text: mail.text ?? '',
              attachments: mail.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content.toString('utf8'),
              })),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  let server = make();
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  await listen();
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    goDown: close,
    async comeBack() {
      server = make();
      await listen();
    },
    stop: close,
  };
}
