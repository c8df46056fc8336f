import { createHash, createHmac } from 'node:crypto';

/** 32 bytes of HMAC-SHA256 in base64url, without padding. */
export const SURVEY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The token of an invitation: HMAC-SHA256(secret, invitation id), base64url. Random-looking to
 * anyone without the secret, yet the same every time, so the invitation list can be exported
 * again without ever storing a token.
 */
export function surveyToken(secret: string, invitationId: string): string {
  return createHmac('sha256', secret).update(invitationId, 'utf8').digest('base64url');
}

/** What is stored and looked up: the token's SHA-256. */
export function surveyTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * SQL for `surveyTokenHash(surveyToken(secret, <id>))`, so a set-based INSERT can store the hash
 * of every new invitation in the same statement (pgcrypto's hmac() and digest(); base64 turned
 * into base64url by hand). `idSql` must be a uuid expression.
 */
export function surveyTokenHashSql(idSql: string, secretPlaceholder: string): string {
  const token = `rtrim(translate(encode(hmac(${idSql}::text, ${secretPlaceholder}::text, 'sha256'), 'base64'), '+/', '-_'), '=')`;
  return `digest(${token}, 'sha256')`;
}


/**
 * What a submission said, keyed by its token: the same for the same answers and flags in any key
 * order, so a repeated submission is recognised; and since the token is never stored, nobody
 * holding the database alone can test a guess of the answers against it.
 */
export function submissionDigest(token: string, answers: Record<string, unknown>, flags: Record<string, unknown> = {}): Buffer {
  return createHmac('sha256', token).update(canonicalJson({ answers, flags }), 'utf8').digest();
}

/** JSON with object keys sorted at every level. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
