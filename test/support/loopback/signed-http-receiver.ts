import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, webhookSecretBytes } from '../../../libs/messaging/src/signing/standard-webhook-signature.js';

/** One request the receiver got, whatever it answered. */
export interface ReceivedRequest {
  method: string;
  /** The request target as sent: the path and any query string. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  body: unknown;
  /** The body as sent, decoded as UTF-8. */
  rawBody: string;
  /** The `webhook-id` header: count these to assert that nothing was delivered twice. */
  webhookId: string | undefined;
  /** A valid Standard Webhooks signature by one of the secrets, within the tolerance. */
  verified: boolean;
  /** What the receiver answered; undefined for a request it left hanging. */
  status: number | undefined;
  receivedAt: Date;
}

export interface SignedReceiverOptions {
  /** The keys a delivery may be signed with (several while one is rotated): `whsec_...` or a plain shared key. */
  secrets: string[];
  /** The clock signatures are checked against: a ManualClock's `now` when the sender signs with one. Default: the real time. */
  now?: () => Date;
  toleranceSeconds?: number;
}

export interface SignedReceiver {
  port: number;
  /** `http://127.0.0.1:PORT` and the path. */
  url(path?: string): string;
  /** Every request, in order, verified or not, answered or not. */
  requests(): ReceivedRequest[];
  /** The requests that were verified and answered 2xx. */
  accepted(): ReceivedRequest[];
  /** The next `times` requests get `status` (and `body` as JSON, if given), signed or not; then 204 again. */
  respondWith(status: number, times?: number, body?: unknown): void;
  /** The next `times` requests get no answer at all, until the client gives up or close(). */
  hang(times?: number): void;
  /** The first request, received or to come, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (request: ReceivedRequest) => boolean, timeoutMs?: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

type ScriptedAnswer = { kind: 'status'; status: number; body: unknown } | { kind: 'hang' };

interface Waiter {
  predicate: (request: ReceivedRequest) => boolean;
  resolve: (request: ReceivedRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A real HTTP server on 127.0.0.1 that plays an SMS relay or a school's webhook endpoint: a request
 * signed by one of the secrets gets 204, any other 401; scripted answers (respondWith, hang) come
 * first, whatever the signature. It records everything and deduplicates nothing.
 */
export async function startSignedReceiver(options: SignedReceiverOptions): Promise<SignedReceiver> {
  const { secrets, now = () => new Date(), toleranceSeconds } = options;
  if (secrets.length === 0) throw new Error('startSignedReceiver needs at least one secret');
  secrets.forEach(webhookSecretBytes); // a malformed secret fails here, not on the first request
  const received: ReceivedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const waiters = new Set<Waiter>();

  const settle = (waiter: Waiter, outcome: () => void): void => {
    clearTimeout(waiter.timer);
    waiters.delete(waiter);
    outcome();
  };
  // A predicate that throws fails its own waitFor, not the request.
  const notify = (waiter: Waiter, arrived: ReceivedRequest): void => {
    try {
      if (waiter.predicate(arrived)) settle(waiter, () => waiter.resolve(arrived));
    } catch (error) {
      settle(waiter, () => waiter.reject(error as Error));
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const verified = verifyWebhook(secrets, request.headers, bytes, now(), toleranceSeconds);
    const scripted = script.shift();
    const answer: ScriptedAnswer = scripted ?? { kind: 'status', status: verified ? 204 : 401, body: undefined };
    const webhookId = request.headers['webhook-id'];
    const entry: ReceivedRequest = {
      method: request.method ?? '',
      path: request.url ?? '/',
      headers: request.headers,
      body: parseJson(bytes),
      rawBody: bytes.toString('utf8'),
      webhookId: typeof webhookId === 'string' ? webhookId : undefined,
      verified,
      status: answer.kind === 'status' ? answer.status : undefined,
      receivedAt: new Date(),
    };
    received.push(entry);
    for (const waiter of waiters) notify(waiter, entry);
    if (answer.kind === 'hang') return;
    if (answer.body === undefined) {
      response.writeHead(answer.status).end();
    } else {
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const enqueue = (answer: ScriptedAnswer, times: number): void => {
    if (!Number.isInteger(times) || times < 0) throw new Error(`times must be 0 or more, not ${times}`);
    for (let i = 0; i < times; i++) script.push(answer);
  };

  return {
    port,
    url: (path = '/') => `http://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`,
    requests: () => [...received],
    accepted: () => received.filter((entry) => entry.verified && entry.status !== undefined && entry.status >= 200 && entry.status < 300),
    respondWith(status, times = 1, body) {
      if (!Number.isInteger(status) || status < 200 || status > 599) throw new Error(`respondWith needs a status from 200 to 599, not ${status}`);
      enqueue({ kind: 'status', status, body }, times);
    },
    hang(times = 1) {
      enqueue({ kind: 'hang' }, times);
    },
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise<ReceivedRequest>((resolve, reject) => {
        const found = received.find(predicate); // a throw rejects
        if (found) return resolve(found);
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(
            () => settle(waiter, () => reject(new Error(`No matching request within ${timeoutMs} ms; received: ${JSON.stringify(received.map((entry) => `${entry.method} ${entry.path} ${entry.status ?? 'hanging'}`))}`))),
            timeoutMs,
          ),
        };
        waiters.add(waiter);
      });
    },
    async close() {
      for (const waiter of waiters) settle(waiter, () => waiter.reject(new Error('The receiver was closed')));
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections(); // hanging requests and idle keep-alive connections
      await closed;
    },
  };
}

function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
