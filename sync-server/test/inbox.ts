/**
 * A real SMTP server on an ephemeral port that keeps every message it receives: the mail side of
 * the password-reset tests and of the e2e link tests (desktop/e2e/links.spec.ts).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type { ParsedMail };

/** The first address a mail is sent to. */
export const recipient = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;

async function waitUntil<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(what);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startInbox() {
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** Waits for the next mail after `seen` mails have arrived. */
    next: (seen: number, timeoutMs = 10_000) => waitUntil('no mail arrived', () => mails[seen], timeoutMs),
    /** The first mail to `to`, waiting for it. */
    mailTo: (to: string, timeoutMs = 15_000) =>
      waitUntil(`no mail to ${to} arrived`, () => mails.find((m) => recipient(m) === to), timeoutMs),
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

export type Inbox = Awaited<ReturnType<typeof startInbox>>;
