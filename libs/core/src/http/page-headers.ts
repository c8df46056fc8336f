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

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A page someone opens from a one-time link (an alert page, a reachability check): Chinese first, the survey page's stylesheet, never indexed. */
export function linkPageDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/s/assets/survey.css">
</head>
<body>
<main id="main">
${body}
</main>
</body>
</html>
`;
}

/** Sends such a page, never cached: its link is a credential. */
export function sendLinkPage(reply: FastifyReply, page: { status: number; html: string }): void {
  void selfOnlyPageHeaders(reply).status(page.status).header('cache-control', 'no-store').header('content-type', 'text/html; charset=utf-8').send(page.html);
}
