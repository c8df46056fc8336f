import {
  type AnswerValue,
  type Condition,
  type KeptState,
  firstUnanswered,
  parseKeptState,
  progressOf,
  stepsOf,
  storageKeyOf,
  submissionOf,
} from './survey-logic.js';

/** The survey page's behaviour: one step at a time, answers kept in localStorage until submitted. */
interface ClientItem {
  key: string;
  kind: 'choice' | 'yes_no';
  text: string;
  askedWhen?: Condition;
}
interface ClientData {
  lang: string;
  text: Record<string, string>;
  instruments: { code: string; items: ClientItem[]; inputFlags: { key: string; text: string }[] }[];
}
interface HelpResource {
  nameZh: string;
  nameEn: string;
  contact: string;
  noteZh?: string;
  noteEn?: string;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
document.documentElement.classList.add('js');

const data = JSON.parse($('survey-data').textContent ?? '{}') as ClientData;
const text = data.text;
const token = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const storageKey = storageKeyOf(token);
const sections = Array.from(document.querySelectorAll<HTMLElement>('[data-step="item"]'));
const state: KeptState = parseKeptState(safeRead());

function safeRead(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}
function keep(): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(state));
  } catch {
    // Private mode or full storage: the page still works, answers just do not survive a reload.
  }
}
const steps = () => stepsOf(data.instruments, state.answers);
const sectionOf = (code: string, key: string) => sections.find((s) => s.dataset.code === code && s.dataset.key === key);
const show = (el: HTMLElement, visible: boolean) => (el.hidden = !visible);
function message(id: string, words: string | null): void {
  const el = $(id);
  el.textContent = words ?? '';
  el.hidden = !words;
}

// Put kept answers back into the radios.
for (const section of sections) {
  const value = state.answers[section.dataset.code ?? '']?.[section.dataset.key ?? ''];
  if (value === undefined) continue;
  const radio = section.querySelector<HTMLInputElement>(`input[value="${String(value)}"]`);
  if (radio) radio.checked = true;
}
($('consent-check') as HTMLInputElement).checked = state.consent;

function render(focus: boolean): void {
  const all = steps();
  if (!state.consent) state.step = -1;
  state.step = Math.min(state.step, all.length);
  show($('consent'), state.step === -1);
  show($('items'), state.step >= 0 && state.step < all.length);
  show($('review'), state.step === all.length);
  const current = all[state.step];
  for (const section of sections) show(section, !!current && section.dataset.code === current.code && section.dataset.key === current.key);
  message('item-message', null);
  let target: HTMLElement | null = $('consent-heading');
  if (current) {
    const { current: n, total } = progressOf(all, state.step);
    $('progress').textContent = text.progress.replace('{current}', String(n)).replace('{total}', String(total));
    target = sectionOf(current.code, current.key)?.querySelector('legend') ?? null;
  } else if (state.step === all.length) {
    renderReview();
    target = $('review-heading');
  }
  keep();
  if (focus) target?.focus();
}

function labelOf(code: string, key: string, value: AnswerValue): string {
  const radio = sectionOf(code, key)?.querySelector<HTMLInputElement>(`input[value="${String(value)}"]`);
  return radio?.parentElement?.textContent ?? String(value);
}

function renderReview(): void {
  const list = $('review-list');
  list.replaceChildren();
  steps().forEach((step, index) => {
    const dt = document.createElement('dt');
    dt.textContent = sectionOf(step.code, step.key)?.querySelector('legend')?.textContent ?? step.key;
    const dd = document.createElement('dd');
    const value = state.answers[step.code]?.[step.key];
    dd.textContent = `${value === undefined ? text.notAnswered : labelOf(step.code, step.key, value)} `;
    const change = document.createElement('button');
    change.type = 'button';
    change.className = 'secondary';
    change.textContent = text.change;
    change.setAttribute('aria-label', `${text.change}: ${dt.textContent}`);
    change.addEventListener('click', () => {
      state.step = index;
      render(true);
    });
    dd.append(change);
    list.append(dt, dd);
  });
  document.querySelectorAll<HTMLInputElement>('[data-flag]').forEach((box) => {
    box.checked = state.flags[box.dataset.code ?? '']?.[box.dataset.flag ?? ''] === true;
  });
}

$('start').addEventListener('click', () => {
  if (!($('consent-check') as HTMLInputElement).checked) {
    message('consent-message', text.consentNeeded);
    $('consent-check').focus();
    return;
  }
  state.consent = true;
  state.step = firstUnanswered(steps(), state.answers);
  render(true);
});

for (const section of sections) {
  section.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    const code = section.dataset.code ?? '';
    const key = section.dataset.key ?? '';
    const value: AnswerValue = input.value === 'true' ? true : input.value === 'false' ? false : Number(input.value);
    state.answers[code] = { ...state.answers[code], [key]: value };
    keep();
  });
}

$('next').addEventListener('click', () => {
  const current = steps()[state.step];
  if (current && state.answers[current.code]?.[current.key] === undefined) {
    message('item-message', text.chooseOne);
    sectionOf(current.code, current.key)?.querySelector('input')?.focus();
    return;
  }
  state.step += 1;
  render(true);
});
$('back').addEventListener('click', () => {
  state.step -= 1;
  render(true);
});
$('review-back').addEventListener('click', () => {
  state.step = steps().length - 1;
  render(true);
});
document.querySelectorAll<HTMLInputElement>('[data-flag]').forEach((box) =>
  box.addEventListener('change', () => {
    const code = box.dataset.code ?? '';
    state.flags[code] = { ...state.flags[code], [box.dataset.flag ?? '']: box.checked };
    keep();
  }),
);

let sending = false;
$('submit').addEventListener('click', () => void submit());

async function submit(): Promise<void> {
  if (sending) return; // a double tap sends once
  const all = steps();
  const missing = firstUnanswered(all, state.answers);
  if (missing < all.length) {
    state.step = missing;
    render(true);
    message('item-message', text.chooseOne);
    return;
  }
  sending = true;
  const button = $('submit') as HTMLButtonElement;
  button.disabled = true;
  button.textContent = text.sending;
  try {
    const res = await fetch(`/api/v1/survey/${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(submissionOf(data.instruments, state)),
    });
    const body = (await res.json().catch(() => ({}))) as {
      helpResources?: HelpResource[];
      showHelpProminently?: boolean;
      errors?: { field?: unknown }[];
    };
    if (res.status === 201) return thank(body.helpResources ?? [], body.showHelpProminently === true);
    // A used or closed link: the server's kind page says it best.
    if (res.status === 409 || res.status === 410 || res.status === 404) return location.reload();
    message('submit-message', res.status === 400 ? refusedMessage(body.errors ?? []) : text.networkError);
  } catch {
    message('submit-message', text.networkError);
  }
  sending = false;
  button.disabled = false;
  button.textContent = text.submit;
  $('submit-message').focus();
}

/** The refusal, naming the questions the server did not accept (fields like `answers.phq9.item3`). */
function refusedMessage(errors: { field?: unknown }[]): string {
  const questions = errors.flatMap((error) => {
    const [group, code, key] = typeof error.field === 'string' ? error.field.split('.') : [];
    const legend = group === 'answers' && code && key ? sectionOf(code, key)?.querySelector('legend')?.textContent : undefined;
    return legend ? [legend] : [];
  });
  return questions.length > 0 ? `${text.invalid} ${text.checkThese}${questions.join('; ')}` : text.invalid;
}

function thank(resources: HelpResource[], prominent: boolean): void {
  try {
    localStorage.removeItem(storageKey);
  } catch {
    // nothing kept
  }
  for (const id of ['consent', 'items', 'review']) show($(id), false);
  const help = document.createElement('section');
  help.className = prominent ? 'help prominent' : 'help';
  help.setAttribute('aria-labelledby', 'help-heading');
  const heading = document.createElement('h2');
  heading.id = 'help-heading';
  heading.textContent = prominent ? text.helpProminentHeading : text.helpHeading;
  const list = document.createElement('ul');
  for (const r of resources) {
    const li = document.createElement('li');
    li.append(data.lang === 'en' ? r.nameEn : r.nameZh);
    if (r.contact) {
      const contact = document.createElement('span');
      contact.className = 'contact';
      contact.textContent = r.contact;
      li.append(': ', contact);
    }
    const note = data.lang === 'en' ? r.noteEn : r.noteZh;
    if (note) li.append(document.createElement('br'), note);
    list.append(li);
  }
  help.append(heading, list);
  const thanks = $('thanks');
  const place = $('thanks-help');
  place.replaceChildren(help);
  // Shown prominently, the help comes before anything else on the page.
  if (prominent) thanks.insertBefore(place, thanks.firstChild);
  show(thanks, true);
  $('thanks-heading').focus();
}

render(false);
