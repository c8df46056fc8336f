import { randomInt, randomUUID } from 'node:crypto';
import type { PersonalChannel } from '#messaging';
import { createUser, type TestUser } from '../support/factories.js';
import { type MailServer, startMailServer } from '../support/loopback/mail-server.js';
import { type SignedReceiver, startSignedReceiver } from '../support/loopback/signed-http-receiver.js';
import type { TestApp } from '../support/test-app.js';

/** The relay's shared key: a plain string, as a school's SMS provider hands it out. */
export const SMS_GATEWAY_KEY = 'campus-care-test-relay-key-0123456789abcdef';
export const MAIL_FROM = '"校园心理 campus-care" <care@school.test>';

const MESSAGING_VARIABLES = ['SMTP_URL', 'SMTP_CA_FILE', 'MAIL_FROM', 'SMS_GATEWAY_URL', 'SMS_GATEWAY_KEY', 'PUBLIC_BASE_URL'] as const;
export type MessagingVariables = Partial<Record<(typeof MESSAGING_VARIABLES)[number], string | undefined>>;

/**
 * Sets the messaging variables (undefined unsets one) for the apps created next, since
 * MessagingConfig reads process.env when an app is created; the returned function puts every
 * earlier value back, for afterAll.
 */
export function setMessagingEnv(values: MessagingVariables): () => void {
  const earlier = Object.fromEntries(MESSAGING_VARIABLES.map((name) => [name, process.env[name]]));
  const assign = (name: string, value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  for (const [name, value] of Object.entries(values)) assign(name, value);
  return () => {
    for (const [name, value] of Object.entries(earlier)) assign(name, value);
  };
}

/** A real SMTP server and a real SMS relay on loopback, and the variables that point the app at them. */
export interface LoopbackServers {
  mail: MailServer;
  relay: SignedReceiver;
  env: MessagingVariables;
  close(): Promise<void>;
}

export async function startLoopbackServers(): Promise<LoopbackServers> {
  const mail = await startMailServer();
  const relay = await startSignedReceiver({ secrets: [SMS_GATEWAY_KEY] });
  return {
    mail,
    relay,
    env: { SMTP_URL: mail.url, MAIL_FROM, SMS_GATEWAY_URL: relay.url('/sms'), SMS_GATEWAY_KEY },
    close: async () => {
      await Promise.all([mail.close(), relay.close()]);
    },
  };
}

/** What the relay was sent for one SMS (the documented gateway body). */
export interface SmsGatewayBody {
  id: string;
  to: string;
  text: string;
  segments: string[];
}

export const uniqueEmail = (): string => `staff-${randomUUID().slice(0, 8)}@school.test`;
export const uniqueMobile = (): string => `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

/** The six-digit code in a message's text. */
export function codeIn(text: string | undefined): string {
  const match = /(?<!\d)(\d{6})(?!\d)/.exec(text ?? '');
  if (!match) throw new Error(`No six-digit code in ${JSON.stringify(text)}`);
  return match[1];
}

/** A six-digit code that is not `code`. */
export const otherCode = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

export interface ReachableStaff extends TestUser {
  email: string | null;
  mobile: string | null;
}

/**
 * A staff member with contact details inserted directly (the contact routes have their own
 * tests): each address given is verified unless said otherwise.
 */
export async function createReachableStaff(
  t: TestApp,
  values: {
    schoolId: string;
    email?: string | null;
    mobile?: string | null;
    emailVerified?: boolean;
    mobileVerified?: boolean;
    preferredChannel?: PersonalChannel;
    quietHours?: { from: string; until: string };
  },
): Promise<ReachableStaff> {
  const user = await createUser(t, { schoolId: values.schoolId, role: 'counselor' });
  const email = values.email === undefined ? uniqueEmail() : values.email;
  const mobile = values.mobile === undefined ? uniqueMobile() : values.mobile;
  await t.dataSource.query(
    `INSERT INTO staff_contacts (user_id, email, email_verified_at, mobile, mobile_verified_at, preferred_channel, quiet_from, quiet_until)
     VALUES ($1, $2, CASE WHEN $3 THEN now() END, $4, CASE WHEN $5 THEN now() END, $6, $7, $8)`,
    [
      user.id,
      email,
      email !== null && values.emailVerified !== false,
      mobile,
      mobile !== null && values.mobileVerified !== false,
      values.preferredChannel ?? 'sms',
      values.quietHours?.from ?? null,
      values.quietHours?.until ?? null,
    ],
  );
  return { ...user, email, mobile };
}
