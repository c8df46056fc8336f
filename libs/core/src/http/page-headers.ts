import type { FastifyReply } from 'fastify';

/** The pages served outside the API (the survey, an alert page): self only, no inline script or style, nothing from elsewhere, never framed. */
export const SELF_ONLY_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The headers of such a page or its files; they replace the API's when the answer is sent. */
export function selfOnlyPageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', SELF_ONLY_PAGE_CSP)
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY');
}
