import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type HeaderValue, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError, type SMTPServerSession } from 'smtp-server';

/** One message the server accepted, parsed. */
export interface ReceivedMail {
  /** MAIL FROM of the envelope ('' for the null sender). */
  from: string;
  /** RCPT TO of the envelope: every recipient, Bcc included. The header addresses are in `headers`. */
  to: string[];
  subject: string | undefined;
  /** The plain-text part, decoded. */
  text: string | undefined;
  /** The HTML part, decoded; undefined when the message has none. */
  html: string | undefined;
  /** mailparser's parsed headers, lower-case names (strings, dates, address objects). */
  headers: Map<string, HeaderValue>;
  messageId: string | undefined;
  /** Who signed in with AUTH; undefined when the client did not. */
  user: string | undefined;
  /** The message came over TLS (implicit or STARTTLS). */
  secure: boolean;
  /** The message as transmitted. */
  raw: Buffer;
  receivedAt: Date;
}

export interface MailServerOptions {
  /** Mail is refused (530) until the client signs in with these (PLAIN or LOGIN, allowed without TLS). */
  requireAuth?: { user: string; pass: string };
  /** Implicit TLS (smtps://) with the self-signed certificate. */
  secure?: boolean;
  /** Offer STARTTLS with the self-signed certificate; without it, STARTTLS is disabled. */
  startTls?: boolean;
}

export interface MailServer {
  port: number;
  /** `smtp://127.0.0.1:PORT` (`smtps://` when secure), with `user:pass@` when auth is required. */
  url: string;
  /** PEM of the certificate made at start (secure or startTls), for a client's `tls: { ca }`. */
  certificate: string | undefined;
  /** Every accepted message, in order. */
  messages(): ReceivedMail[];
  /** The first message, received or to come, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** The next `count` messages are refused at the end of DATA with `code` (4xx temporary, 5xx permanent). */
  refuseNext(count: number, code?: number): void;
  /** Forgets the messages received so far. */
  clear(): void;
  close(): Promise<void>;
}

interface Waiter {
  predicate: (mail: ReceivedMail) => boolean;
  resolve: (mail: ReceivedMail) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** A real SMTP server on 127.0.0.1 (a port of its own) that keeps what it receives, for tests. */
export async function startMailServer(options: MailServerOptions = {}): Promise<MailServer> {
  const { requireAuth, secure = false, startTls = false } = options;
  const tls = secure || startTls ? selfSignedCertificate() : undefined;
  const received: ReceivedMail[] = [];
  const waiters = new Set<Waiter>();
  const refusals: number[] = [];

  const settle = (waiter: Waiter, outcome: () => void): void => {
    clearTimeout(waiter.timer);
    waiters.delete(waiter);
    outcome();
  };
  // A predicate that throws fails its own waitFor, not the delivery.
  const notify = (waiter: Waiter, arrived: ReceivedMail): void => {
    try {
      if (waiter.predicate(arrived)) settle(waiter, () => waiter.resolve(arrived));
    } catch (error) {
      settle(waiter, () => waiter.reject(error as Error));
    }
  };

  const accept = async (stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const refusal = refusals.shift();
    if (refusal !== undefined) throw Object.assign(new Error(`Refused by the test server (${refusal})`), { responseCode: refusal }) satisfies SMTPServerError;
    const raw = Buffer.concat(chunks);
    const parsed = await simpleParser(raw);
    const mail: ReceivedMail = {
      from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
      subject: parsed.subject,
      text: parsed.text,
      html: parsed.html === false ? undefined : parsed.html,
      headers: parsed.headers,
      messageId: parsed.messageId,
      user: typeof session.user === 'string' ? session.user : undefined,
      secure: session.secure,
      raw,
      receivedAt: new Date(),
    };
    received.push(mail);
    for (const waiter of waiters) notify(waiter, mail);
  };

  const server = new SMTPServer({
    logger: false,
    secure,
    ...(tls ?? {}),
    disabledCommands: [...(startTls ? [] : ['STARTTLS']), ...(requireAuth ? [] : ['AUTH'])],
    authOptional: !requireAuth,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    // A pooled client left open must not hold close() for the default 30 s.
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      if (requireAuth && auth.username === requireAuth.user && auth.password === requireAuth.pass) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      accept(stream, session).then(() => callback(), (error: Error) => callback(error));
    },
  });
  server.on('error', () => undefined); // a client dropping its connection is not the test's failure

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const credentials = requireAuth ? `${encodeURIComponent(requireAuth.user)}:${encodeURIComponent(requireAuth.pass)}@` : '';

  return {
    port,
    url: `${secure ? 'smtps' : 'smtp'}://${credentials}127.0.0.1:${port}`,
    certificate: tls?.cert,
    messages: () => [...received],
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise<ReceivedMail>((resolve, reject) => {
        const found = received.find(predicate); // a throw rejects
        if (found) return resolve(found);
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(
            () => settle(waiter, () => reject(new Error(`No matching mail within ${timeoutMs} ms; received: ${JSON.stringify(received.map((mail) => ({ to: mail.to, subject: mail.subject })))}`))),
            timeoutMs,
          ),
        };
        waiters.add(waiter);
      });
    },
    refuseNext(count, code = 451) {
      if (!Number.isInteger(count) || count < 0) throw new Error(`refuseNext needs a count of 0 or more, not ${count}`);
      if (!Number.isInteger(code) || code < 400 || code > 599) throw new Error(`refuseNext needs a 4xx or 5xx reply code, not ${code}`);
      for (let i = 0; i < count; i++) refusals.push(code);
    },
    clear() {
      received.length = 0;
    },
    async close() {
      for (const waiter of waiters) settle(waiter, () => waiter.reject(new Error('The mail server was closed')));
      await new Promise<void>((resolve) => server.close(resolve));
    },
  };
}

// Node has no certificate generator: a P-256 key from node:crypto and a minimal DER writer make
// a self-signed X.509 v3 certificate for 127.0.0.1 and localhost, valid for a day.
function selfSignedCertificate(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaWithSha256 = der(0x30, oid('1.2.840.10045.4.3.2'));
  const name = der(0x30, der(0x31, der(0x30, oid('2.5.4.3'), der(0x0c, Buffer.from('campus-care loopback')))));
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40; // positive, and no leading zero byte
  const now = Date.now();
  const subjectAltName = der(0x30, der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from('localhost')));
  const tbs = der(
    0x30,
    der(0xa0, der(0x02, Buffer.from([2]))), // version 3
    der(0x02, serial),
    ecdsaWithSha256,
    name,
    der(0x30, utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, der(0x30, der(0x30, oid('2.5.29.17'), der(0x04, subjectAltName)))),
  );
  const certificate = der(0x30, tbs, ecdsaWithSha256, der(0x03, Buffer.from([0]), sign('sha256', tbs, privateKey)));
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
  };
}

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const length: number[] = [];
  for (let rest = body.length; rest > 0; rest >>= 8) length.unshift(rest & 0xff);
  const header = body.length < 0x80 ? [tag, body.length] : [tag, 0x80 | length.length, ...length];
  return Buffer.concat([Buffer.from(header), body]);
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) groups.unshift((value & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, Buffer.from(bytes));
}

function utcTime(at: Date): Buffer {
  return der(0x17, Buffer.from(`${at.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`));
}
