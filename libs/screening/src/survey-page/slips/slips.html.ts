import QRCode from 'qrcode';
import { escapeHtml } from '#core';
import { type PageLanguage, SLIP_TEXT } from '../survey-page-text.js';

export interface SlipView {
  name: string;
  studentNumber: string;
  /** The survey link; null once the invitation is used, so no token is printed for it. */
  link: string | null;
}

export interface SlipsPageView {
  schoolName: string;
  campaignName: string;
  className: string;
  slips: SlipView[];
}

/**
 * A4, several slips a page, dashed cut lines between them; a slip never breaks across pages.
 * Inline on purpose: the page is printed from the API and loads nothing else.
 */
export const SLIPS_CSS = `@page{size:A4;margin:10mm}
*{box-sizing:border-box}
body{margin:0;font:11pt/1.4 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#000;background:#fff}
header{padding:0 0 4mm}
h1{font-size:14pt;margin:0}
header p{margin:1mm 0 0}
.slips{display:block}
.slip{display:flex;gap:6mm;align-items:center;padding:5mm 4mm;min-height:60mm;border-bottom:1px dashed #000;break-inside:avoid;page-break-inside:avoid}
.slip:first-child{border-top:1px dashed #000}
.qr{flex:0 0 40mm;width:40mm;height:40mm}
.qr svg{display:block;width:40mm;height:40mm}
.who{font-size:13pt;font-weight:700;margin:0}
.meta,.hint{margin:1mm 0}
.link{font:10pt/1.3 ui-monospace,"DejaVu Sans Mono",monospace;word-break:break-all;margin:2mm 0 0}
.done{font-weight:700}
@media screen{body{max-width:210mm;margin:0 auto;padding:10mm}}
@media print{header{break-after:avoid}}`;

const fill = (template: string, values: Record<string, number>) => template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

/** The QR code of a link as inline SVG, drawn on the server: no script, nothing fetched. */
export async function qrSvg(link: string, label: string): Promise<string> {
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(label)}" `);
}

async function slipHtml(slip: SlipView, view: SlipsPageView, lang: PageLanguage): Promise<string> {
  const text = SLIP_TEXT[lang];
  const who = `<p class="who">${escapeHtml(slip.name)}</p>
<p class="meta">${text.class}: ${escapeHtml(view.className)} · ${text.studentNumber}: ${escapeHtml(slip.studentNumber)}</p>`;
  if (!slip.link) {
    return `<section class="slip slip-done"><div>${who}<p class="done">${text.done}</p><p class="hint">${text.doneText}</p></div></section>`;
  }
  return `<section class="slip"><div class="qr">${await qrSvg(slip.link, text.qrLabel)}</div><div>${who}
<p class="hint">${text.instructions}</p>
<p class="link">${escapeHtml(slip.link)}</p></div></section>`;
}

/** One slip per invited student of the class, for a teacher to print, cut and hand out. */
export async function slipsPageHtml(view: SlipsPageView, lang: PageLanguage): Promise<string> {
  const text = SLIP_TEXT[lang];
  const slips = await Promise.all(view.slips.map((slip) => slipHtml(slip, view, lang)));
  const pending = view.slips.filter((s) => s.link).length;
  const summary = fill(text.summary, { pending, done: view.slips.length - pending });
  return `<!doctype html>
<html lang="${text.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(`${text.title} · ${view.className} · ${view.campaignName}`)}</title>
<style>${SLIPS_CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(view.campaignName)}</h1><p>${escapeHtml(view.schoolName)} · ${text.class}: ${escapeHtml(view.className)} · ${summary}</p></header>
<main class="slips">
${slips.length ? slips.join('\n') : `<p>${text.empty}</p>`}
</main>
</body>
</html>
`;
}
