// A real SMTP server for e2e specs and the benchmark: smtp-server on a free local port,
// every message parsed back with postal-mime, so tests check what a person would read.
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[];
  /** The From header as written, e.g. `AuditDesk <no-reply@example.com>`. */
  from: string;
  subject: string;
  /** Header fields by lower-cased name (the last one when repeated). */
  headers: Record<string, string>;
  text: string;
  html: string;
  messageId: string;
  receivedAt: number;
}

export interface SmtpSink {
  url: string;
  messages: ReceivedMail[];
  /** While set, every message is refused with a temporary error (451), like a server in trouble. */
  refuse: boolean;
  /** While set, every message is refused for good (550), like a mailbox that does not exist. */
  refuseForGood: boolean;
  /** While set, the server takes this long to answer a message it has received (a slow server). */
  holdMs: number;
  /**
   * While set, the server answers a message it has received only once this settles: a test
   * decides the moment the sender learns it was accepted (e.g. after cutting its database).
   * Each message keeps the gate in force when it began.
   */
  holdUntil: Promise<unknown> | null;
  /** Messages whose data the server is receiving or holding, not yet answered. */
  receiving: number;
  /** Messages sent to this address. */
  to(address: string): ReceivedMail[];
  /** Resolves once `count` messages reached `address` (fails after `timeoutMs`). */
  waitFor(address: string, count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const sink: Partial<SmtpSink> = {
    messages,
    refuse: false,
    refuseForGood: false,
    holdMs: 0,
    holdUntil: null,
    receiving: 0,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, answer) {
      // The gate and delay are those in force when the message began: a test that sees
      // `receiving` rise may set the next message's gate without moving this one's.
      const gate = sink.holdUntil ?? Promise.resolve();
      const holdMs = sink.holdMs;
      sink.receiving! += 1;
      const callback = (error?: Error) => {
        sink.receiving! -= 1;
        answer(error);
      };
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        setTimeout(() => void gate.then(received, received), holdMs);
      });
      const received = () => {
        if (sink.refuse) {
          callback(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 }));
          return;
        }
        if (sink.refuseForGood) {
          callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
          return;
        }
        PostalMime.parse(Buffer.concat(chunks))
          .then((email) => {
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              from: email.from
                ? email.from.name
                  ? `${email.from.name} <${email.from.address}>`
                  : (email.from.address ?? '')
                : '',
              subject: email.subject ?? '',
              headers: Object.fromEntries(email.headers.map((h) => [h.key, h.value])),
              text: email.text ?? '',
              html: email.html ?? '',
              messageId: email.messageId ?? '',
              receivedAt: Date.now(),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      };
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const to = (address: string) => messages.filter((m) => m.to.includes(address.toLowerCase()));
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    to,
    async waitFor(address: string, count: number, timeoutMs = 45_000) {
      const until = Date.now() + timeoutMs;
      while (to(address).length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages to ${address}, got ${to(address).length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return to(address);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as SmtpSink;
}
