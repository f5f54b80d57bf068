import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** SMTP when SMTP_URL is set; otherwise mails are written to the log (embedded default). */
export function createMailer(config: Config, logger: Logger): Mailer {
  if (!config.smtpUrl) {
    return {
      async send(mail) {
        logger.info(
          { mail: { to: mail.to, subject: mail.subject, text: mail.text } },
          'mail (SMTP_URL unset, not sent)',
        );
      },
      close() {},
    };
  }
  const smtpUrl = config.smtpUrl;
  // nodemailer (about 1 MB of heap) loads with the first mail, not with the server.
  let transport: Promise<Transporter> | undefined;
  const transporter = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(smtpUrl),
    ));
  return {
    async send(mail) {
      await (await transporter()).sendMail({ from: config.mailFrom, ...mail });
    },
    close() {
      void transport?.then((t) => t.close());
    },
  };
}
