import { escapeHtml } from '#core';
import type { SurveyInstrumentView, SurveyView } from '../survey/survey.views.js';
import type { HelpResource } from './help-resources.js';
import { PAGE_TEXT, type PageLanguage, type PageText } from './survey-page-text.js';

/** JSON inside `<script type="application/json">`: no `<` may end the element early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}|\r\n\r\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');

function documentOf(lang: PageLanguage, title: string, body: string, options: { script?: boolean } = {}): string {
  const text = PAGE_TEXT[lang];
  return `<!doctype html>
<html lang="${text.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/s/assets/survey.css">
${options.script ? '<script type="module" src="/s/assets/survey-client.js"></script>\n' : ''}</head>
<body>
<main id="main">
${body}
</main>
</body>
</html>
`;
}

const languageSwitch = (lang: PageLanguage) => {
  const text = PAGE_TEXT[lang];
  const other = PAGE_TEXT[text.switchLang];
  return `<a class="language" href="?lang=${text.switchLang}" lang="${other.htmlLang}" hreflang="${other.htmlLang}">${text.switchTo}</a>`;
};

/** The help resources, as the thank-you and notice pages show them. */
export function helpListHtml(resources: HelpResource[], lang: PageLanguage): string {
  const items = resources.map((r) => {
    const name = lang === 'en' ? r.nameEn : r.nameZh;
    const note = lang === 'en' ? r.noteEn : r.noteZh;
    return `<li><span>${escapeHtml(name)}</span>${r.contact ? `: <span class="contact">${escapeHtml(r.contact)}</span>` : ''}${note ? `<br>${escapeHtml(note)}` : ''}</li>`;
  });
  return `<section class="help" aria-labelledby="help-heading"><h2 id="help-heading">${escapeHtml(PAGE_TEXT[lang].helpHeading)}</h2><ul>${items.join('')}</ul></section>`;
}

function itemHtml(instrument: SurveyInstrumentView, index: number, lang: PageLanguage, text: PageText): string {
  const item = instrument.items[index];
  const id = `${instrument.code}-${item.key}`;
  const options =
    item.kind === 'choice'
      ? (item.options ?? []).map((o) => ({ value: String(o.value), label: lang === 'en' ? o.labelEn : o.labelZh }))
      : [
          { value: 'true', label: text.yes },
          { value: 'false', label: text.no },
        ];
  const radios = options
    .map(
      (o) =>
        `<label class="option" for="${id}-${o.value}"><input type="radio" id="${id}-${o.value}" name="${id}" value="${o.value}"><span>${escapeHtml(o.label)}</span></label>`,
    )
    .join('');
  const instructions = lang === 'en' ? instrument.instructionsEn : instrument.instructionsZh;
  const name = lang === 'en' ? instrument.nameEn : instrument.nameZh;
  return `<section class="card" data-step="item" data-code="${escapeHtml(instrument.code)}" data-key="${escapeHtml(item.key)}">
<p class="instructions">${escapeHtml(name)}${instructions ? ` · ${escapeHtml(instructions)}` : ''}</p>
<fieldset><legend id="${id}-legend" tabindex="-1">${index + 1}. ${escapeHtml(lang === 'en' ? item.textEn : item.textZh)}</legend>${radios}</fieldset>
</section>`;
}

/** What the browser script needs that the HTML does not already hold: skip logic, words for the review and the thank-you page. */
function clientDataOf(view: SurveyView, lang: PageLanguage) {
  return {
    lang,
    text: PAGE_TEXT[lang],
    instruments: view.instruments.map((instrument) => ({
      code: instrument.code,
      inputFlags: instrument.inputFlags.map((flag) => ({ key: flag.key, text: lang === 'en' ? flag.textEn : flag.textZh })),
      items: instrument.items.map((item) => ({
        key: item.key,
        kind: item.kind,
        text: lang === 'en' ? item.textEn : item.textZh,
        ...(item.askedWhen ? { askedWhen: item.askedWhen } : {}),
      })),
    })),
  };
}

/** The survey: consent first, then every item (the script shows them one at a time), a review and the thank-you page. */
export function surveyPageHtml(view: SurveyView, lang: PageLanguage): string {
  const text = PAGE_TEXT[lang];
  const consent = lang === 'en' && view.consentTextEn ? view.consentTextEn : view.consentTextZh;
  const consentLang = lang === 'en' && !view.consentTextEn ? ' lang="zh-Hans"' : '';
  const items = view.instruments.flatMap((instrument) => instrument.items.map((_, index) => itemHtml(instrument, index, lang, text)));
  const flags = view.instruments.flatMap((instrument) =>
    instrument.inputFlags.map((flag) => {
      const id = `flag-${instrument.code}-${flag.key}`;
      return `<div class="consent-box"><input type="checkbox" id="${escapeHtml(id)}" data-code="${escapeHtml(instrument.code)}" data-flag="${escapeHtml(flag.key)}"><label for="${escapeHtml(id)}">${escapeHtml(lang === 'en' ? flag.textEn : flag.textZh)}</label></div>`;
    }),
  );
  const body = `<header><div><p class="school">${escapeHtml(view.schoolName)}</p><h1>${escapeHtml(view.campaignName)}</h1></div>${languageSwitch(lang)}</header>
<p class="no-js-note">${text.needsScript}</p>
<section id="consent" class="card" data-step="consent" aria-labelledby="consent-heading">
<h2 id="consent-heading" tabindex="-1">${text.consentHeading}</h2>
<div${consentLang}>${paragraphs(consent)}</div>
<div class="consent-box"><input type="checkbox" id="consent-check" name="consent"><label for="consent-check">${text.consentAgree}</label></div>
<p id="consent-message" class="message" role="alert" hidden></p>
<div class="actions"><span></span><button type="button" id="start">${text.start}</button></div>
</section>
<form id="items" novalidate aria-labelledby="progress">
<p id="progress" class="progress" aria-live="polite"></p>
${items.join('\n')}
<p id="item-message" class="message" role="alert" hidden></p>
<div class="actions"><button type="button" class="secondary" id="back">${text.back}</button><button type="button" id="next">${text.next}</button></div>
</form>
<section id="review" class="card" data-step="review" aria-labelledby="review-heading" hidden>
<h2 id="review-heading" tabindex="-1">${text.reviewHeading}</h2>
<p>${text.reviewHint}</p>
<dl id="review-list" class="review"></dl>
${flags.join('\n')}
<p id="submit-message" class="message" role="alert" tabindex="-1" hidden></p>
<div class="actions"><button type="button" class="secondary" id="review-back">${text.back}</button><button type="button" id="submit">${text.submit}</button></div>
</section>
<section id="thanks" aria-labelledby="thanks-heading" hidden>
<h2 id="thanks-heading" tabindex="-1">${text.thanksHeading}</h2>
<p>${text.thanksText}</p>
<div id="thanks-help"></div>
</section>
<script type="application/json" id="survey-data">${scriptJson(clientDataOf(view, lang))}</script>`;
  return documentOf(lang, `${view.campaignName} · ${view.schoolName}`, body, { script: true });
}

export type NoticeKind = 'notFound' | 'used' | 'closed';

/** A kind page for a link that cannot be answered: never an error dump, always somewhere to turn. */
export function noticePageHtml(kind: NoticeKind, lang: PageLanguage, help: { schoolName?: string; resources: HelpResource[] }): string {
  const text = PAGE_TEXT[lang];
  const heading = text[`${kind}Heading`];
  const body = `<header><div>${help.schoolName ? `<p class="school">${escapeHtml(help.schoolName)}</p>` : ''}<h1>${heading}</h1></div>${languageSwitch(lang)}</header>
<section class="card"><p>${text[`${kind}Text`]}</p></section>
${helpListHtml(help.resources, lang)}`;
  return documentOf(lang, heading, body);
}
