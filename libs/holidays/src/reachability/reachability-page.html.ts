import { escapeHtml, linkPageDocument } from '#core';
import { shiftInChinese, shiftInEnglish } from './reachability-messages.js';
import type { ReachabilityCheckFacts, ReachabilityLinkState } from './reachability-link.service.js';

const atIn = (date: Date, timeZone: string) =>
  escapeHtml(new Intl.DateTimeFormat('zh-CN', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date));

function shiftsOf(facts: ReachabilityCheckFacts): string {
  if (facts.shifts.length === 0) return '<p>您在本假期已没有班次。 <span lang="en">You have no shifts in this holiday any more.</span></p>';
  const items = facts.shifts.map((s) => `<li>${escapeHtml(shiftInChinese(s.dutyDate, s.shift))} <span lang="en">${escapeHtml(shiftInEnglish(s.dutyDate, s.shift))}</span></li>`);
  return `<h2>您的班次 Your shifts</h2><ul class="shifts">${items.join('')}</ul>`;
}

/** The page of a reachability link in each state, with the HTTP status it is sent with. */
export function reachabilityPageOf(state: ReachabilityLinkState, token: string): { status: number; html: string } {
  switch (state.state) {
    case 'open':
      return {
        status: 200,
        html: linkPageDocument(
          '值班联络测试 Duty contact check',
          `<h1>值班联络测试</h1>
<p>${escapeHtml(state.facts.officerName)}，您好。这是${escapeHtml(state.facts.holidayName)}值班前的联络测试：您能打开这个页面，说明消息能送达您。请点击下方按钮确认。</p>
<p lang="en">A contact check before your holiday duty: the message reached you. Tap the button to confirm that you can be reached.</p>
${shiftsOf(state.facts)}
<form method="post" action="/r/${escapeHtml(token)}" enctype="text/plain"><input type="hidden" name="reachable" value="1"><button type="submit">确认可联系 I'm reachable</button></form>`,
        ),
      };
    case 'confirmed':
      return {
        status: 200,
        html: linkPageDocument(
          '已确认可联系 Confirmed',
          `<h1>${state.justNow ? '已确认，谢谢您' : '您已确认可联系'}</h1>
<p lang="en">${state.justNow ? 'Confirmed: the school knows that alerts reach you.' : 'You have confirmed that you can be reached.'}</p>
<p>${atIn(state.at, state.facts.timezone)}</p>
${shiftsOf(state.facts)}`,
        ),
      };
    case 'used':
      return {
        status: 409,
        html: linkPageDocument('链接已使用 Link used', `<h1>此链接已使用</h1><p>您已确认可联系，无需再次确认。</p><p>${atIn(state.at, state.timezone)}</p><p lang="en">This link was used: you have confirmed already. Nothing more to do.</p>`),
      };
    case 'expired':
      return { status: 410, html: linkPageDocument('链接已过期 Link expired', '<h1>此链接已过期</h1><p lang="en">This link has expired: the holiday is over.</p>') };
    case 'unknown':
      return { status: 404, html: linkPageDocument('链接无效 Not found', '<h1>链接无效</h1><p lang="en">This link is not valid. Sign in to see your duty shifts.</p>') };
  }
}
