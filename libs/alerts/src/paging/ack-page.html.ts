import { escapeHtml, linkPageDocument } from '#core';
import type { AckLinkState, FirstResponse } from './ack-link.service.js';

const SHANGHAI_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const at = (date: Date) => escapeHtml(SHANGHAI_TIME.format(date));

const RELATIONS: Record<string, string> = { mother: '母亲 mother', father: '父亲 father', grandparent: '祖父母 grandparent', sibling: '兄弟姐妹 sibling', guardian: '监护人 guardian', other: '其他 other' };

const phoneLink = (phone: string | null) => (phone ? ` <a href="tel:${escapeHtml(phone.replace(/[^0-9+]/g, ''))}">${escapeHtml(phone)}</a>` : '');

function factsOf(r: FirstResponse): string {
  const rows = [
    ['学生 Student', `${escapeHtml(r.studentName)}（${escapeHtml(r.className)}）`],
    ['监护人 Guardian', r.guardian ? `${escapeHtml(r.guardian.name)}，${escapeHtml(RELATIONS[r.guardian.relation] ?? r.guardian.relation)}${phoneLink(r.guardian.phone)}` : '未登记 none on record'],
    ['班主任 Class teacher', r.classTeacher ? `${escapeHtml(r.classTeacher.name)}${phoneLink(r.classTeacher.phone)}` : '未登记 none on record'],
    ['心理老师 Counselor to call', r.counselor ? `${escapeHtml(r.counselor.name)}${phoneLink(r.counselor.phone)}` : '未登记 none on record'],
    ['预警时间 Raised', at(r.raisedAt)],
    ['确认截止 Acknowledge by', at(r.ackDueAt)],
  ];
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

/** The acknowledgement page in each state of its link, with the HTTP status it is sent with. */
export function ackPageOf(state: AckLinkState, token: string): { status: number; html: string } {
  switch (state.state) {
    case 'open':
      return {
        status: 200,
        html: linkPageDocument(
          '紧急预警 Critical alert',
          `<h1>紧急预警，请立即处理</h1>
<p lang="en">A critical alert needs you now, ${escapeHtml(state.response.recipientName)}.</p>
${factsOf(state.response)}
<p>先确保学生安全：联系监护人和心理老师。点击下方按钮，让其他人知道您已接手。</p>
<p lang="en">Make sure the student is safe first: call the guardian and the counselor. Tap the button so that the others know you have it.</p>
<form method="post" action="/a/${escapeHtml(token)}" enctype="text/plain"><input type="hidden" name="ack" value="1"><button type="submit">我来处理 I'm on it</button></form>`,
        ),
      };
    case 'acknowledged':
      return {
        status: state.byYou ? 200 : 409,
        html: linkPageDocument(
          '预警已确认 Alert acknowledged',
          `<h1>${state.byYou ? '已确认，谢谢您' : '此预警已由他人确认'}</h1>
<p lang="en">${state.byYou ? 'Acknowledged: the others can see that you have it.' : `Already acknowledged by ${escapeHtml(state.by)}.`}</p>
<p>${escapeHtml(state.by)} · ${at(state.at)}</p>
${factsOf(state.response)}
<p>请登录系统记录处置情况。 <span lang="en">Sign in to record what was done.</span> <a href="/console">campus-care</a></p>`,
        ),
      };
    case 'used':
      return { status: 409, html: linkPageDocument('链接已使用 Link used', `<h1>此链接已使用</h1><p lang="en">This link was used at ${at(state.at)}. Sign in to see the alert.</p>`) };
    case 'expired':
      return { status: 410, html: linkPageDocument('链接已过期 Link expired', '<h1>此链接已过期</h1><p lang="en">This link has expired. Sign in to see the alert.</p><p><a href="/console">campus-care</a></p>') };
    case 'unknown':
      return { status: 404, html: linkPageDocument('链接无效 Not found', '<h1>链接无效</h1><p lang="en">This link is not valid. Sign in to see your alerts.</p>') };
  }
}
