import { escapeHtml } from '#core';

/**
 * A message in every form a channel needs: the email's subject, plain text and HTML, and the
 * SMS text. Chinese first with an English line. Never clinical content: no scores, notes or risk
 * levels; a link leads into the system, where access is checked.
 */
export interface MessageContent {
  subject: string;
  text: string;
  html: string;
  sms: string;
}


/** Paragraphs of text (Chinese, then English) and an optional link, as the three forms of a message. */
export function composeMessage(input: { subject: string; lines: string[]; english: string; link?: { label: string; url: string }; sms: string }): MessageContent {
  const link = input.link;
  const text = [...input.lines, '', input.english, ...(link ? ['', `${link.label}: ${link.url}`] : [])].join('\n');
  const paragraphs = [...input.lines.map((line) => `<p>${escapeHtml(line)}</p>`), `<p lang="en">${escapeHtml(input.english)}</p>`];
  if (link) paragraphs.push(`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`);
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head><body>${paragraphs.join('')}</body></html>`;
  return { subject: input.subject, text, html, sms: input.sms };
}
